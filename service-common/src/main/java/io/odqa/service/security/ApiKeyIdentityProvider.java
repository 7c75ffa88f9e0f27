package io.odqa.service.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Turns a configured API key into an identity named after its entry, with its roles. */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
  private final ApiKeyRegistry registry;

  public ApiKeyIdentityProvider(ApiKeyRegistry registry) {
    this.registry = registry;
  }

  @Override
  public Class<ApiKeyAuthenticationRequest> getRequestType() {
    return ApiKeyAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(ApiKeyAuthenticationRequest request,
      AuthenticationRequestContext context) {
    return registry.lookup(request.key())
        .<Uni<SecurityIdentity>>map(client -> Uni.createFrom().item(
            QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(client.name()))
                .addRoles(client.roles())
                .build()))
        .orElseGet(() -> Uni.createFrom().failure(
            new AuthenticationFailedException("the API key is not valid")));
  }
}
