package io.odqa.service.security;

import io.odqa.core.api.ApiKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.http.HttpRequest;
import java.util.Optional;

/**
 * The API key a service sends when it calls another one ({@code odqa.client.api-key}, from
 * {@code ODQA_API_KEY}): the console forwarding an operator's action, the feedback service
 * opening evaluation sessions and rolling back on qa-service.
 */
@ApplicationScoped
public class OutboundApiKey {
  private final Optional<String> key;

  public OutboundApiKey(ClientConfig config) {
    this.key = config.apiKey().map(String::strip).filter(k -> !k.isEmpty());
  }

  /** {@code request} with the key, when one is configured. */
  public HttpRequest.Builder attach(HttpRequest.Builder request) {
    return ApiKey.attach(request, key);
  }
}
