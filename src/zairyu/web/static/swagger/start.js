// Starts Swagger UI on the API's own OpenAPI document (a file, not an inline script: the
// Content-Security-Policy allows only 'self').
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#swagger-ui" });
});
