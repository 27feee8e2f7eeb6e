package dev.jetonvoucher.project;

/** A project file that cannot be used; the message names the project and the field. */
public class ProjectFileException extends RuntimeException {

    public ProjectFileException(String message) {
        super(message);
    }
}
