package io.odqa.console.api;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /api/me}: who is logged in and with which roles (401 when no one is); {@code POST
 * /api/logout} ends the session by expiring its cookie.
 */
@Path("/api")
public class SessionApi {
  private final SecurityIdentity identity;
  private final String cookie;

  SessionApi(SecurityIdentity identity,
      @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookie) {
    this.identity = identity;
    this.cookie = cookie;
  }

  @GET
  @Path("/me")
  @Authenticated
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Object> me() {
    return Map.of("user", identity.getPrincipal().getName(),
        "roles", List.copyOf(new TreeSet<>(identity.getRoles())));
  }

  @POST
  @Path("/logout")
  @Authenticated
  public Response logout() {
    return Response.noContent().cookie(new NewCookie.Builder(cookie).path("/").value("")
        .maxAge(0).httpOnly(true).build()).build();
  }
}
