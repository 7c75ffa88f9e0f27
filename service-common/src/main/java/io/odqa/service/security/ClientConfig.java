package io.odqa.service.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code odqa.client.*}: how this service calls the others (see {@link OutboundApiKey}). */
@ConfigMapping(prefix = "odqa.client")
public interface ClientConfig {
  /** The API key sent as {@code X-API-Key} ({@code ODQA_API_KEY}). */
  Optional<String> apiKey();
}
