package dev.jetonvoucher.project;

import java.util.Optional;

/** Where projects are looked up: the project file locally, a DynamoDB table plus SSM when deployed. */
public interface ProjectDirectory {

    Optional<Project> find(long projectId);
}
