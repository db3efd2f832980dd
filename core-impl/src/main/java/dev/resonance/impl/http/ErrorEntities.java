package dev.resonance.impl.http;

import javax.annotation.Priority;
import javax.ws.rs.HttpMethod;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerResponseContext;
import javax.ws.rs.container.ContainerResponseFilter;
import javax.ws.rs.core.MediaType;

/**
 * The last word on every error a Jersey application answers: a status of 400 or more without a body gets the one
 * JSON error shape ({@link JsonErrors}' fixed code and message for the status). Jersey answers some malformed requests
 * itself, past every exception mapper — a header it cannot parse ({@code Accept: a/b/c}, {@code Content-Type: json})
 * is a bare 400 from its own runtime — and a resource may return a status alone; neither may reach a client as an
 * empty or container-made body. HEAD answers keep no body, as HTTP wants.
 */
@Priority(Integer.MAX_VALUE) // response filters run in descending priority: this one first, so the others see the body
public final class ErrorEntities implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getStatus() >= 400 && !response.hasEntity() && !HttpMethod.HEAD.equals(request.getMethod())) {
            response.setEntity(JsonErrors.errorBody(response.getStatus()), new java.lang.annotation.Annotation[0],
                    MediaType.APPLICATION_JSON_TYPE);
        }
    }
}
