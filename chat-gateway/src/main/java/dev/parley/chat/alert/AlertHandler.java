package dev.parley.chat.alert;

import dev.parley.service.internal.InternalEndpoint;
import dev.parley.service.internal.InternalReply;
import dev.parley.service.internal.InvalidRequest;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /internal/v1/alert}: the {@link InternalEndpoint} has checked the bearer secret,
 * bounded the body and read the JSON object; this validates the request before anything is sent
 * and answers 202 with {@code {"delivered", "connections", "nodes"}} (see {@link AlertOutcome}).
 * Every refusal is {@code {"error": "..."}}.
 */
record AlertHandler(OperatorAlerts alerts) implements InternalEndpoint.Handler {

    static final String PATH = "/internal/v1/alert";
    static final String ERROR_FIELD = "error";

    @Override
    public Mono<InternalReply> handle(JsonNode body) throws InvalidRequest {
        return alerts.send(AlertRequest.parse(body))
                .map(outcome -> InternalReply.json(HttpStatus.ACCEPTED, outcome.json()));
    }
}
