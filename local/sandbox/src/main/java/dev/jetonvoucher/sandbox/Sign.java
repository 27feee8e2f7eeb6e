package dev.jetonvoucher.sandbox;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jetonvoucher.json.Json;
import dev.jetonvoucher.project.Project;
import dev.jetonvoucher.project.ProjectFile;
import dev.jetonvoucher.project.ProjectFileException;
import dev.jetonvoucher.signing.PaymentPageUrl;
import dev.jetonvoucher.signing.Signer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code bin/sign [FILE] (--secret KEY | --project-id N --projects FILE)}: signs a body as a merchant does, so
 * the README's examples and the {@code docs/http} requests can be re-signed after an edit. The body comes from
 * FILE, or from standard input when FILE is absent or {@code -}; the signed body goes to standard output.
 *
 * <p>A JSON object is signed with the same {@link Signer} the platform verifies with, and the signature goes where
 * the official SDKs look for it: replacing a top-level {@code signature} when the body has one (a callback),
 * otherwise into {@code general.signature} when the body has a {@code general} object (Gate, status, Data API
 * requests), otherwise as a top-level {@code signature}. Anything else is Payment Page parameters: a query string
 * or a whole {@code /payment?...} URL, printed back with its {@code signature} parameter ({@link Signer#signParams}).
 */
public final class Sign {

    static final String USAGE = "usage: bin/sign [FILE|-] (--secret KEY | --project-id N --projects FILE)\n"
            + "  Signs a JSON body (Gate, status, Data API request, callback) or Payment Page parameters (a query string\n"
            + "  or a /payment?... URL) read from FILE or standard input, and prints it with its signature.\n"
            + "  JSON: the signature replaces a top-level \"signature\", else goes into general.signature when there is\n"
            + "  a \"general\" object, else becomes a top-level \"signature\". Exit 0 signed, 2 bad input or options.";
    private static final ObjectMapper JSON = Json.mapper();

    private Sign() {}

    /** Input or options the command cannot use; the message is its one-line error. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        System.exit(run(args, System.in, System.out, System.err));
    }

    /** Returns the exit status: 0 signed, 2 bad input or options (one line on {@code err} says why). */
    static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (Arrays.stream(args).anyMatch(arg -> arg.equals("--help") || arg.equals("-h"))) {
            out.println(USAGE);
            return 0;
        }
        try {
            Options options = Options.parse(args);
            String secret = options.secret();
            String body = options.bodyFile == null ? new String(in.readAllBytes(), UTF_8) : readBody(options.bodyFile);
            out.println(sign(body, secret));
            return 0;
        } catch (BadInput e) {
            err.println("bin/sign: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("bin/sign: cannot read standard input: " + e.getMessage());
            return 2;
        }
    }

    /** The body with its signature: JSON pretty-printed, Payment Page parameters as they came plus {@code signature}. */
    static String sign(String body, String secret) throws BadInput {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            throw new BadInput("the body is empty: give a JSON object or Payment Page parameters");
        }
        Signer signer = new Signer(secret);
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            return signJson(trimmed, signer);
        }
        return signPaymentPage(trimmed, signer);
    }

    private static String signJson(String text, Signer signer) throws BadInput {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage().replace('\n', ' ').replaceAll("\\[Source: [^;]*; ", "[");
            throw new BadInput("the body is not valid JSON: " + reason + " (line "
                    + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        if (!(node instanceof ObjectNode body)) {
            throw new BadInput("the body must be a JSON object, got "
                    + node.getNodeType().toString().toLowerCase());
        }
        JsonNode general = body.get("general");
        if (body.has("signature") || general == null) {
            signer.signTopLevel(body);
        } else if (general.isObject()) {
            signer.signInGeneral(body);
        } else {
            throw new BadInput("\"general\" must be a JSON object to hold the signature, got "
                    + general.getNodeType().toString().toLowerCase());
        }
        return body.toPrettyString();
    }

    private static String signPaymentPage(String text, Signer signer) throws BadInput {
        if (text.contains("\n") || text.contains(" ")) {
            throw new BadInput("the body is neither a JSON object nor Payment Page parameters"
                    + " (a query string like project_id=239&payment_id=...)");
        }
        int question = text.indexOf('?');
        String base = question < 0 ? "" : text.substring(0, question);
        String query = question < 0 ? text : text.substring(question + 1);
        Map<String, String> params;
        try {
            params = new LinkedHashMap<>(PaymentPageUrl.parseQuery(query));
        } catch (IllegalArgumentException e) {
            throw new BadInput("the Payment Page parameters cannot be read: " + e.getMessage());
        }
        params.remove("signature");
        if (params.isEmpty() || params.containsKey("")) {
            throw new BadInput("the body is neither a JSON object nor Payment Page parameters"
                    + " (a query string like project_id=239&payment_id=...)");
        }
        String url = PaymentPageUrl.build(base, params, signer.signParams(params));
        return question < 0 ? url.substring(1) : url; // without a base, no leading '?'
    }

    private static String readBody(Path file) throws BadInput {
        try {
            return Files.readString(file, UTF_8);
        } catch (NoSuchFileException e) {
            throw new BadInput("no such file: " + file);
        } catch (IOException e) {
            throw new BadInput("cannot read " + file + ": " + e.getMessage());
        }
    }

    static final class Options {
        Path bodyFile;
        String secret;
        Long projectId;
        Path projectsFile;

        static Options parse(String[] args) throws BadInput {
            Options options = new Options();
            boolean bodyGiven = false;
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.startsWith("--")) {
                    if (i + 1 >= args.length) {
                        throw new BadInput(arg + " needs a value (see bin/sign --help)");
                    }
                    String value = args[++i];
                    switch (arg) {
                        case "--secret" -> options.secret = value;
                        case "--project-id" -> options.projectId = projectId(value);
                        case "--projects" -> options.projectsFile = Path.of(value);
                        default -> throw new BadInput("unknown option " + arg + " (see bin/sign --help)");
                    }
                } else if (bodyGiven) {
                    throw new BadInput("one body file only, got " + arg + " too");
                } else {
                    bodyGiven = true;
                    options.bodyFile = arg.equals("-") ? null : Path.of(arg);
                }
            }
            if (options.secret != null && (options.projectId != null || options.projectsFile != null)) {
                throw new BadInput("give either --secret KEY or --project-id N --projects FILE, not both");
            }
            if (options.secret == null && (options.projectId == null || options.projectsFile == null)) {
                throw new BadInput(
                        options.projectId != null
                                ? "--project-id needs --projects FILE"
                                : options.projectsFile != null
                                        ? "--projects needs --project-id N"
                                        : "no key: give --secret KEY, or --project-id N --projects FILE");
            }
            if (options.secret != null && options.secret.isEmpty()) {
                throw new BadInput("--secret must not be empty");
            }
            return options;
        }

        /** The secret to sign with: the one given, or the project's from the project file. */
        String secret() throws BadInput {
            if (secret != null) {
                return secret;
            }
            String json = readProjects();
            try {
                return ProjectFile.parse(json).stream()
                        .filter(project -> project.projectId() == projectId)
                        .map(Project::secretKey)
                        .findFirst()
                        .orElseThrow(() -> new BadInput("project " + projectId + " is not in " + projectsFile));
            } catch (ProjectFileException e) {
                throw new BadInput(projectsFile + ": " + e.getMessage());
            }
        }

        private String readProjects() throws BadInput {
            try {
                return Files.readString(projectsFile, UTF_8);
            } catch (NoSuchFileException e) {
                throw new BadInput("no such project file: " + projectsFile);
            } catch (IOException e) {
                throw new BadInput("cannot read " + projectsFile + ": " + e.getMessage());
            }
        }

        private static long projectId(String text) throws BadInput {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new BadInput("--project-id must be a number, got " + text);
            }
        }
    }
}
