package dev.jetonvoucher.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What cfn-lint does not check about template.yaml: consumers and their queues, and Java handler names. */
class TemplateRulesTest {

    @Test
    void repository_template_follows_every_rule() {
        SamTemplate template = SamTemplate.load(SamTemplate.locate());

        List<String> violations = TemplateRules.violations(template);

        assertEquals(
                List.of(), violations, () -> "template.yaml breaks these rules:\n  " + String.join("\n  ", violations));
        assertTrue(
                template.functions().stream().anyMatch(f -> !f.sqsTriggers().isEmpty()),
                "the queue rules must have had SQS-triggered functions to check");
    }

    @Test
    void queue_visibility_timeout_below_six_times_the_consumer_timeout_is_reported() {
        SamTemplate template = template("""
                Globals:
                  Function: {Timeout: 30}
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: dev.example.Consumer::handleRequest
                      Events:
                        Work: {Type: SQS, Properties: {Queue: !GetAtt WorkQueue.Arn}}
                  WorkQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      VisibilityTimeout: 179
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt WorkDlq.Arn, maxReceiveCount: 5}
                  WorkDlq:
                    Type: AWS::SQS::Queue
                """);

        assertEquals(
                List.of("WorkQueue VisibilityTimeout is 179 s but its consumer Consumer has Timeout 30 s:"
                        + " it must be >= 6 x 30 = 180 s"),
                TemplateRules.violations(template));
    }

    @Test
    void default_visibility_timeout_counts_as_thirty_seconds() {
        SamTemplate template = template("""
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: dev.example.Consumer::handleRequest
                      Timeout: 6
                      Events:
                        Work: {Type: SQS, Properties: {Queue: !GetAtt WorkQueue.Arn}}
                  WorkQueue:
                    Type: AWS::SQS::Queue
                    Properties:
                      RedrivePolicy: {deadLetterTargetArn: !GetAtt WorkDlq.Arn, maxReceiveCount: 5}
                  WorkDlq:
                    Type: AWS::SQS::Queue
                """);

        assertEquals(
                List.of("WorkQueue VisibilityTimeout is 30 s but its consumer Consumer has Timeout 6 s:"
                        + " it must be >= 6 x 6 = 36 s"),
                TemplateRules.violations(template));
    }

    @Test
    void consumed_queue_without_redrive_policy_is_reported() {
        SamTemplate template = template("""
                Resources:
                  Consumer:
                    Type: AWS::Serverless::Function
                    Properties:
                      CodeUri: f.jar
                      Handler: dev.example.Consumer::handleRequest
                      Timeout: 5
                      Events:
                        Work: {Type: SQS, Properties: {Queue: !GetAtt WorkQueue.Arn}}
                  WorkQueue:
                    Type: AWS::SQS::Queue
                """);

        List<String> violations = TemplateRules.violations(template);

        assertEquals(1, violations.size(), violations::toString);
        assertTrue(
                violations.get(0).startsWith("WorkQueue is consumed by Consumer but has no RedrivePolicy"),
                violations.get(0));
    }

    @Test
    void handlers_that_do_not_name_a_java_class_are_reported() {
        SamTemplate template = template("""
                Resources:
                  NoPackage:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar, Handler: SaleHandler::handleRequest}
                  PythonStyle:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar, Handler: app.lambda_handler}
                  NoHandler:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar}
                  BadMethod:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar, Handler: "dev.example.Good::handle-request"}
                  Fine:
                    Type: AWS::Serverless::Function
                    Properties: {CodeUri: f.jar, Handler: dev.example.Outer$Inner}
                """);

        assertEquals(
                List.of(
                        "NoPackage Handler SaleHandler::handleRequest does not name a Java class by its fully qualified name"
                                + " (expected package.Class::method)",
                        "PythonStyle Handler app.lambda_handler does not name a Java class by its fully qualified name"
                                + " (expected package.Class::method)",
                        "NoHandler has no Handler (expected package.Class::method)",
                        "BadMethod Handler dev.example.Good::handle-request does not name a Java method after '::'"),
                TemplateRules.violations(template));
    }

    private static SamTemplate template(String yaml) {
        return SamTemplate.parse(Path.of("rules-test-template.yaml"), yaml);
    }
}
