package io.odqa.service.security;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** {@code odqa.security.*}: the API keys this service accepts (see {@link ApiKeyRegistry}). */
@ConfigMapping(prefix = "odqa.security")
public interface SecurityConfig {
  /** Comma-separated {@code name:role|role:sha256} entries ({@code ODQA_API_KEYS}). */
  Optional<String> apiKeys();
}
