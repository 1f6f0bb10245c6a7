#include "server/api_error.h"

namespace vaksam::server {

namespace {

constexpr ErrorKind kErrors[] = {
    {"bad_request", 400, "Begäran är felaktig", "The request is malformed"},
    {"malformed_json", 400, "Innehållet är inte giltig JSON", "The body is not valid JSON"},
    {"invalid_field", 400, "Ett fält saknas eller har fel typ eller värde",
     "A field is missing or has the wrong type or value"},
    {"invalid_parameter", 400, "En parameter är okänd eller har fel värde",
     "A parameter is unknown or has a wrong value"},
    {"unauthenticated", 401, "Du måste logga in", "You must sign in"},
    {"invalid_credentials", 401, "Fel användarnamn eller lösenord", "Wrong user name or password"},
    {"session_expired", 401, "Sessionen har gått ut; logga in igen", "The session has expired; sign in again"},
    {"invalid_token", 401, "API-token är ogiltig eller återkallad", "The API token is invalid or revoked"},
    {"csrf_token_missing", 403, "CSRF-token saknas eller stämmer inte (skicka X-CSRF-Token)",
     "The CSRF token is missing or wrong (send X-CSRF-Token)"},
    {"forbidden", 403, "Din roll får inte göra detta", "Your role may not do this"},
    {"not_found", 404, "Det finns ingen sådan resurs", "No such resource"},
    {"case_not_found", 404, "Ärendet finns inte", "No such case"},
    {"user_not_found", 404, "Användaren finns inte", "No such user"},
    {"entity_not_found", 404, "Det finns ingen sådan enhet, huvudman, kommun eller region i riskberäkningen",
     "No such unit, principal, municipality or region in the risk run"},
    {"indicator_not_found", 404, "Det finns ingen sådan indikator", "No such indicator"},
    {"no_risk_run", 409, "Ingen riskberäkning finns ännu; beräkna en först",
     "No risk run yet; compute one first"},
    {"no_funnel", 422, "Indikatorn har inget trattdiagram på denna nivå",
     "The indicator has no funnel plot at this level"},
    {"no_data", 409, "Databasen har inga ärenden ännu; importera först", "The database has no cases yet; import first"},
    {"deficiency_not_found", 404, "Bristen finns inte", "No such deficiency"},
    {"plan_not_found", 404, "Planen finns inte", "No such plan"},
    {"status_change_refused", 422, "Statusändringen är inte tillåten", "The status change is not allowed"},
    {"plan_refused", 422, "Planen kan inte göras", "The plan cannot be made"},
    {"method_not_allowed", 405, "Metoden är inte tillåten här", "The method is not allowed here"},
    {"conflict", 409, "Finns redan", "Already exists"},
    {"not_screened", 409, "Ärendet är inte screenat ännu", "The case has not been screened yet"},
    {"length_required", 411, "Content-Length saknas", "Content-Length is missing"},
    {"payload_too_large", 413, "Innehållet är för stort", "The body is too large"},
    {"unsupported_media_type", 415, "Fel innehållstyp", "Wrong content type"},
    {"import_refused", 422, "Filen importerades inte; se rapporten", "The file was not imported; see the report"},
    {"too_many_requests", 429, "För många försök; vänta en stund", "Too many attempts; wait a while"},
    {"internal", 500, "Ett internt fel inträffade", "An internal error occurred"},
    {"shutting_down", 503, "Servern stängs ned", "The server is shutting down"},
};

const ErrorKind& find(std::string_view code) {
  for (const auto& e : kErrors)
    if (e.code == code) return e;
  return kErrors[std::size(kErrors) - 2];  // "internal": an unknown code is a bug
}

}  // namespace

std::span<const ErrorKind> error_catalogue() { return kErrors; }

ApiError::ApiError(std::string_view code, std::string detail)
    : std::runtime_error(std::string(code)), status_(find(code).status), code_(find(code).code) {
  const auto& e = find(code);
  message_sv_ = std::string(e.message_sv);
  message_en_ = std::string(e.message_en);
  if (!detail.empty()) {
    message_sv_ += ": " + detail;
    message_en_ += ": " + detail;
  }
}

nlohmann::json ApiError::to_json() const {
  return {{"error", {{"code", code_}, {"message_sv", message_sv_}, {"message_en", message_en_}}}};
}

}  // namespace vaksam::server
