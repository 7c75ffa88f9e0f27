package io.odqa.service.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** An API key presented with a request, for {@link ApiKeyIdentityProvider} to check. */
public final class ApiKeyAuthenticationRequest extends BaseAuthenticationRequest {
  private final String key;

  public ApiKeyAuthenticationRequest(String key) {
    this.key = key;
  }

  String key() {
    return key;
  }

  @Override
  public String toString() {
    return "ApiKeyAuthenticationRequest[key hidden]";
  }
}
