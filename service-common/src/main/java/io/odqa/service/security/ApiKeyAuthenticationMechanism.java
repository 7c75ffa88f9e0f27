package io.odqa.service.security;

import io.odqa.core.api.ApiKey;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;

/**
 * Reads an API key from {@code X-API-Key} or {@code Authorization: Bearer}. A request without
 * one stays anonymous (asking needs no key); a request with an unknown key fails with 401 once
 * an endpoint needs its identity. The console adds its form login beside this mechanism, so
 * keys and console users carry the same {@link Roles}.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
  private static final String BEARER = "Bearer ";

  @Override
  public Uni<SecurityIdentity> authenticate(RoutingContext context,
      IdentityProviderManager identityProviderManager) {
    Optional<String> key = presentedKey(context.request());
    if (key.isEmpty()) {
      return Uni.createFrom().optional(Optional.empty());
    }
    return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key.get()));
  }

  /** The key a request presents, if any. */
  public static Optional<String> presentedKey(HttpServerRequest request) {
    String header = request.getHeader(ApiKey.HEADER);
    if (header == null) {
      String authorization = request.getHeader("Authorization");
      if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0,
          BEARER.length())) {
        header = authorization.substring(BEARER.length());
      }
    }
    return Optional.ofNullable(header).map(String::strip).filter(k -> !k.isEmpty());
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(
        new ChallengeData(401, "WWW-Authenticate", "ApiKey header=\"" + ApiKey.HEADER + "\""));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyAuthenticationRequest.class);
  }

  @Override
  public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
    return Uni.createFrom().item(
        new HttpCredentialTransport(HttpCredentialTransport.Type.OTHER_HEADER, ApiKey.HEADER));
  }
}
