import YujingCore

/// The OpenAPI 3 description of `/api/v1` (served at `/api/v1/openapi.json` to a signed-in user).
/// Written by hand and checked by tests against the routes the server really answers.
enum OpenAPIDocument {
  static let json = """
    {
      "openapi": "3.0.3",
      "info": {
        "title": "yujing (预警) API",
        "version": "1",
        "description": "Reading and reviewing the early-warning notices. Sign in with POST /api/v1/session; the session cookie authenticates later requests, and every state-changing request carries the csrf_token from the sign-in answer in the X-CSRF-Token header."
      },
      "servers": [{"url": "/"}],
      "components": {
        "securitySchemes": {
          "session": {"type": "apiKey", "in": "cookie", "name": "yujing_session"},
          "csrf": {"type": "apiKey", "in": "header", "name": "X-CSRF-Token"}
        },
        "schemas": {
          "Error": {
            "type": "object", "properties": {"error": {
              "type": "object", "required": ["message"],
              "properties": {
                "code": {"type": "string", "description": "A refused review action's stable name (not_a_draft, talk_needs_time_and_place, talk_clash, …); absent for other errors."},
                "message": {"type": "string"}
              }
            }}
          },
          "User": {
            "type": "object", "required": ["name", "role", "addressee"],
            "properties": {
              "name": {"type": "string"},
              "role": {"type": "string", "enum": [\(Role.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
              "addressee": {"type": "string", "nullable": true}
            }
          },
          "Subject": {
            "type": "object", "required": ["kind"],
            "properties": {
              "kind": {"type": "string", "enum": ["indicator", "project", "feed"]},
              "indicator": {"type": "string"}, "region": {"type": "string"},
              "project": {"type": "string"}, "feed": {"type": "string"}
            }
          },
          "Notice": {
            "type": "object",
            "required": ["id", "kind", "number", "addressee", "cc", "period", "state", "corrects", "subjects", "title"],
            "properties": {
              "id": {"type": "integer"},
              "kind": {"type": "string", "enum": [\(NoticeKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
              "number": {"type": "string", "nullable": true},
              "addressee": {"type": "string"},
              "cc": {"type": "array", "items": {"type": "string"}},
              "period": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}$"},
              "state": {"type": "string", "enum": ["draft", "approved", "sent", "acknowledged", "closed", "rejected", "superseded"]},
              "corrects": {"type": "integer", "nullable": true},
              "subjects": {"type": "array", "items": {
                "type": "object", "required": ["subject", "stage", "level"],
                "properties": {
                  "subject": {"$ref": "#/components/schemas/Subject"},
                  "stage": {"type": "string", "nullable": true},
                  "level": {"type": "string", "nullable": true}
                }
              }},
              "title": {"type": "string"},
              "document_date": {"type": "string", "nullable": true},
              "report_due": {"type": "string", "nullable": true},
              "body": {"type": "string"},
              "talk_at": {"type": "string", "nullable": true},
              "place": {"type": "string", "nullable": true}
            }
          },
          "Report": {
            "type": "object",
            "required": ["id", "notice", "number", "kind", "addressee", "submitted", "on_time", "state", "decided_by", "note", "resubmit_due", "file"],
            "properties": {
              "id": {"type": "integer"}, "notice": {"type": "integer"}, "number": {"type": "string", "nullable": true},
              "kind": {"type": "string"}, "addressee": {"type": "string"}, "submitted": {"type": "string"},
              "on_time": {"type": "boolean"},
              "state": {"type": "string", "enum": [\(ReportReview.State.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
              "decided_by": {"type": "string", "nullable": true},
              "note": {"type": "string", "nullable": true, "description": "the comment of an acceptance or the reason of a return"},
              "resubmit_due": {"type": "string", "nullable": true, "description": "for a returned report: the day it is due again"},
              "file": {"type": "string", "nullable": true}
            }
          },
          "Appeal": {
            "type": "object",
            "required": ["id", "notice", "number", "period", "addressee", "subjects", "reason", "filed", "state", "decided_by", "decision_reason"],
            "properties": {
              "id": {"type": "integer"}, "notice": {"type": "integer"}, "number": {"type": "string", "nullable": true},
              "period": {"type": "string"}, "addressee": {"type": "string"},
              "subjects": {"type": "array", "items": {"type": "string"}, "description": "as rule tests write them: industry_va@360981, project P2020-017"},
              "reason": {"type": "string"}, "filed": {"type": "string"},
              "state": {"type": "string", "enum": [\(AppealReview.State.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
              "decided_by": {"type": "string", "nullable": true}, "decision_reason": {"type": "string", "nullable": true},
              "file": {"type": "string", "nullable": true, "description": "the name of the file attached"}
            }
          },
          "Problem": {
            "type": "object",
            "required": ["code", "title", "state", "level", "unit", "co_units", "leader", "assigned", "due", "light", "rules", "working_days_left", "working_days_overdue", "returns"],
            "properties": {
              "code": {"type": "string"}, "title": {"type": "string"},
              "state": {"type": "string", "enum": [\(ProblemState.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
              "level": {"type": "string", "enum": [\(CoordinationLevel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
              "unit": {"type": "string", "description": "主办"}, "co_units": {"type": "array", "items": {"type": "string"}, "description": "协办"},
              "leader": {"type": "string"}, "assigned": {"type": "string"}, "due": {"type": "string"},
              "light": {"type": "string", "enum": ["none", "blue", "yellow", "orange", "red"], "description": "as of today"},
              "rules": {"type": "array", "items": {"type": "string"}},
              "working_days_left": {"type": "integer", "nullable": true}, "working_days_overdue": {"type": "integer"},
              "returns": {"type": "integer"}
            }
          },
          "AppealDecision": {
            "type": "object", "required": ["appeal", "drafted", "corrections"],
            "properties": {
              "appeal": {"$ref": "#/components/schemas/Appeal"},
              "drafted": {"type": "array", "items": {"type": "integer"}, "description": "notices the period's new evaluation drafted"},
              "corrections": {"type": "array", "items": {"type": "integer"}, "description": "withdrawals or corrections of issued notices, drafted for review"}
            }
          },
          "NoticeList": {
            "type": "object", "required": ["total", "notices"],
            "properties": {
              "total": {"type": "integer"},
              "notices": {"type": "array", "items": {"$ref": "#/components/schemas/Notice"}}
            }
          }
        },
        "parameters": {
          "id": {"name": "id", "in": "path", "required": true, "schema": {"type": "integer", "format": "int64", "minimum": 1}},
          "code": {"name": "code", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[A-Za-z0-9._@-]{1,64}$"}}
        },
        "responses": {
          "Unauthorized": {"description": "not signed in", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Forbidden": {"description": "the role may not do this, or the CSRF token is missing", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "NotFound": {"description": "no such notice for this user", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "Conflict": {"description": "the notice's state does not allow it", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
          "BadRequest": {"description": "a malformed request", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        }
      },
      "paths": {
        "/api/v1/session": {
          "get": {
            "summary": "Who is signed in", "security": [{"session": []}],
            "responses": {
              "200": {"description": "the user", "content": {"application/json": {"schema": {"type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}}}}}},
              "401": {"$ref": "#/components/responses/Unauthorized"}
            }
          },
          "post": {
            "summary": "Sign in", "security": [],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["name", "password"],
              "properties": {"name": {"type": "string"}, "password": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "signed in; the session cookie is set", "content": {"application/json": {"schema": {
                "type": "object", "properties": {"user": {"$ref": "#/components/schemas/User"}, "csrf_token": {"type": "string"}}
              }}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"description": "sent from another site (Origin or Referer)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "413": {"description": "the body is over 8 KB", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "415": {"description": "the body is not application/json", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "429": {"description": "too many failed sign-ins for this account or from this address", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            }
          },
          "delete": {
            "summary": "Sign out", "security": [{"session": [], "csrf": []}],
            "responses": {"204": {"description": "signed out"}, "401": {"$ref": "#/components/responses/Unauthorized"}, "403": {"$ref": "#/components/responses/Forbidden"}}
          }
        },
        "/api/v1/notices": {
          "get": {
            "summary": "Notices, newest first (a department sees its own, once approved)", "security": [{"session": []}],
            "parameters": [
              {"name": "period", "in": "query", "schema": {"type": "string"}},
              {"name": "kind", "in": "query", "schema": {"type": "string"}},
              {"name": "state", "in": "query", "schema": {"type": "string"}},
              {"name": "addressee", "in": "query", "schema": {"type": "string"}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}},
              {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0}}
            ],
            "responses": {
              "200": {"description": "a page of notices", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/NoticeList"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"}
            }
          }
        },
        "/api/v1/notices/{id}": {
          "get": {
            "summary": "One notice", "security": [{"session": []}], "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "the notice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/v1/notices/{id}/approve": {
          "post": {
            "summary": "Take the draft's next step as the signed-in account: 核稿 (reviewers), 签发 (signers); the last step issues it, and a talk notice needs talk_at and place by then", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "properties": {
                "date": {"type": "string", "description": "成文日期, YYYY-MM-DD; default today"},
                "talk_at": {"type": "string", "description": "YYYY-MM-DD HH:MM"},
                "place": {"type": "string"},
                "opinion": {"type": "string", "description": "the step's opinion (意见)"}
              }
            }}}},
            "responses": {
              "200": {"description": "the notice after the step: still a draft awaiting its next step, or approved", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/notices/{id}/return": {
          "post": {
            "summary": "Send a draft back to the step before (退回修改), as the account whose step it waits for", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the notice, a draft awaiting the step before", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/notices/{id}/reject": {
          "post": {
            "summary": "Reject a draft with a reason (reviewers)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the rejected notice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/notices/{id}/acknowledge": {
          "post": {
            "summary": "Acknowledge receipt (the addressee's department account)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "responses": {
              "200": {"description": "the notice", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/reports": {
          "get": {
            "summary": "整改 reports: the office sees all, a department its own", "security": [{"session": []}],
            "parameters": [
              {"name": "state", "in": "query", "schema": {"type": "string", "enum": [\(ReportReview.State.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]}},
              {"name": "notice", "in": "query", "schema": {"type": "integer", "format": "int64", "minimum": 1}}
            ],
            "responses": {
              "200": {"description": "newest first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Report"}}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/v1/reports/{id}/accept": {
          "post": {
            "summary": "Accept a submitted report (reviewers): once every report the notice asks for is accepted, it is 办结", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "properties": {"comment": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the report, accepted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/reports/{id}/return": {
          "post": {
            "summary": "Send a submitted report back with a reason (reviewers); due again on due, by default after report.returned_working_days working days", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}, "due": {"type": "string", "description": "YYYY-MM-DD"}}
            }}}},
            "responses": {
              "200": {"description": "the report, returned", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/appeals": {
          "get": {
            "summary": "Appeals (申诉): the office sees all, a department its own", "security": [{"session": []}],
            "parameters": [
              {"name": "state", "in": "query", "schema": {"type": "string", "enum": [\(AppealReview.State.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]}},
              {"name": "notice", "in": "query", "schema": {"type": "integer", "format": "int64", "minimum": 1}}
            ],
            "responses": {
              "200": {"description": "newest first", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Appeal"}}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/v1/notices/{id}/appeal": {
          "post": {
            "summary": "Appeal subjects of an issued notice within appeal.working_days of its 成文日期 (the addressee's department account)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["subjects", "reason"],
              "properties": {"subjects": {"type": "array", "items": {"type": "string"}, "description": "subjects of the notice as rule tests write them"}, "reason": {"type": "string"}}
            }}}},
            "responses": {
              "201": {"description": "the appeal, pending", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Appeal"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/appeals/{id}/grant": {
          "post": {
            "summary": "Grant a pending appeal (reviewers): its subjects are set aside for the period, which is evaluated again", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the appeal, and the notices the new evaluation drafted", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AppealDecision"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/appeals/{id}/deny": {
          "post": {
            "summary": "Deny a pending appeal with a reason (reviewers)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the appeal, denied", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/AppealDecision"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/problems": {
          "get": {
            "summary": "The 督办台账 with each problem's light today: the office sees all, a department those it handles (主办 or 协办)", "security": [{"session": []}],
            "responses": {
              "200": {"description": "by code", "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Problem"}}}}},
              "401": {"$ref": "#/components/responses/Unauthorized"}
            }
          },
          "post": {
            "summary": "Add a problem, or revise the one of that code (reviewers), checked as a row of the ledger's file; a field refused is a 400 with code invalid_field and the field", "security": [{"session": [], "csrf": []}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["code", "title", "unit", "level", "assigned", "due"],
              "properties": {
                "code": {"type": "string"}, "title": {"type": "string"}, "description": {"type": "string"},
                "source": {"type": "string"}, "unit": {"type": "string", "description": "主办: an addressee's name or a department's code"},
                "co_units": {"type": "array", "items": {"type": "string"}}, "leader": {"type": "string"},
                "level": {"type": "string", "enum": [\(CoordinationLevel.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))]},
                "assigned": {"type": "string", "description": "YYYY-MM-DD"},
                "due": {"type": "string", "description": "YYYY-MM-DD, or working days after assigned"},
                "state": {"type": "string"}
              }
            }}}},
            "responses": {
              "200": {"description": "the problem, revised", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "201": {"description": "the problem, added", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"}
            }
          }
        },
        "/api/v1/problems/{code}": {
          "get": {
            "summary": "One problem with its light today", "security": [{"session": []}],
            "parameters": [{"$ref": "#/components/parameters/code"}],
            "responses": {
              "200": {"description": "the problem", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "404": {"$ref": "#/components/responses/NotFound"}
            }
          }
        },
        "/api/v1/problems/{code}/progress": {
          "post": {
            "summary": "Report progress (进展; the 主办 unit's department account)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/code"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the problem as it now stands", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/problems/{code}/request-close": {
          "post": {
            "summary": "Ask to close it (申请办结; the 主办 unit)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/code"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the problem as it now stands", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/problems/{code}/close": {
          "post": {
            "summary": "Close it (办结销号; reviewers)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/code"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "properties": {"comment": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "the problem as it now stands", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/problems/{code}/return": {
          "post": {
            "summary": "Send a request to close back with a reason and a new deadline (reviewers); by default after 3 working days", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/code"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["reason"], "properties": {"reason": {"type": "string"}, "due": {"type": "string", "description": "YYYY-MM-DD"}}
            }}}},
            "responses": {
              "200": {"description": "the problem as it now stands", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        },
        "/api/v1/notices/{id}/feedback": {
          "post": {
            "summary": "Submit the 整改 report (the addressee's department account)", "security": [{"session": [], "csrf": []}],
            "parameters": [{"$ref": "#/components/parameters/id"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {
              "type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}
            }}}},
            "responses": {
              "200": {"description": "recorded", "content": {"application/json": {"schema": {"type": "object", "properties": {"on_time": {"type": "boolean"}}}}}},
              "400": {"$ref": "#/components/responses/BadRequest"},
              "401": {"$ref": "#/components/responses/Unauthorized"},
              "403": {"$ref": "#/components/responses/Forbidden"},
              "404": {"$ref": "#/components/responses/NotFound"},
              "409": {"$ref": "#/components/responses/Conflict"}
            }
          }
        }
      }
    }
    """
}
