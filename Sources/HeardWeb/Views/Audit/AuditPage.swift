import Foundation
import HeardDomain
import HeardStorage

enum AuditPage {
    struct Model {
        var events: [AuditEvent]
        var filters: AuditController.Filters
        var objectTypes: [String]
        var actions: [String]
        var page: Int
        var pageCount: Int
        var total: Int
        var failure: ValidationFailure?
        /// What the filters asked for and could not use, in words.
        var notice: String? = nil
    }

    /// "board.member_added" → "Board: member added"; "board_member" → "Board member"; "api_token.revoked" →
    /// "API token: revoked".
    static func readable(_ code: String) -> String {
        let parts = code.split(separator: ".", maxSplits: 1).map { part in
            part.split(separator: "_").map { acronyms[String($0)] ?? String($0) }.joined(separator: " ")
        }
        let first = parts[0].prefix(1).uppercased() + parts[0].dropFirst()
        return parts.count > 1 ? first + ": " + parts[1] : first
    }

    /// Words of the codes that are written in capitals.
    private static let acronyms = ["api": "API", "nhs": "NHS", "csv": "CSV", "eia": "EIA"]

    /// UK style, UK time: "25 Nov 2026, 21:22".
    /// "5 Dec 2026, 00:09" in UK time: spelled out, because the locale's own style gives "at 0:09" on Linux.
    static let dateFormat: Date.VerbatimFormatStyle = {
        let zone = TimeZone(identifier: "Europe/London") ?? .gmt
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        return Date.VerbatimFormatStyle(
            format:
                "\(day: .defaultDigits) \(month: .abbreviated) \(year: .defaultDigits), \(hour: .twoDigits(clock: .twentyFourHour, hourCycle: .zeroBased)):\(minute: .twoDigits)",
            locale: Locale(identifier: "en_GB"), timeZone: zone, calendar: calendar)
    }()

    static func render(_ model: Model, context: PageContext) -> String {
        PageLayout.render(context) {
            if let notice = model.notice { div(.class("notice"), .role("status")) { notice } }
            h1 { "Audit log" }
            p(.class("lead")) { "Every change staff make, who made it and when. Entries cannot be changed or removed." }
            FormComponents.errorSummary(model.failure)
            form(.action(SiteURL.audit), .method("get"), .class("filters"), .novalidate) {
                FormComponents.selectField(
                    name: "object_type", label: "What changed",
                    choices: model.objectTypes.map { .init(value: $0, label: readable($0)) },
                    selected: model.filters.objectType ?? "", failure: nil, prompt: "Anything")
                FormComponents.selectField(
                    name: "action", label: "Action",
                    choices: model.actions.map { .init(value: $0, label: readable($0)) },
                    selected: model.filters.action ?? "", failure: nil, prompt: "Any action")
                FormComponents.textField(
                    name: "actor", label: "Who (e-mail contains)", value: model.filters.actor ?? "", failure: nil,
                    required: false, width: "medium")
                FormComponents.textField(
                    name: "from", label: "From", value: model.filters.from ?? "", failure: model.failure, type: "date",
                    required: false, width: "short")
                FormComponents.textField(
                    name: "to", label: "To", value: model.filters.to ?? "", failure: model.failure, type: "date",
                    required: false, width: "short")
                button(.type("submit"), .class("button button-secondary")) { "Filter" }
            }
            p { Wording.count(model.total, "entry", "entries") }
            DataTable.render(
                caption: "Audit entries, newest first", headers: ["When", "Who", "Action", "What", "Changes"],
                rows: model.events.map { event in
                    [
                        timeElement(HTMLAttribute("datetime", ISO8601DateFormatter().string(from: event.occurredAt))) {
                            event.occurredAt.formatted(dateFormat)
                        },
                        .text(event.actorLabel), .text(readable(event.action)), .text(event.summary),
                        changes(event.changes),
                    ]
                }, captionHidden: true)
            Pagination.links(page: model.page, pageCount: model.pageCount) { number in
                var query = URLComponents()
                query.queryItems = [
                    URLQueryItem(name: "object_type", value: model.filters.objectType ?? ""),
                    URLQueryItem(name: "action", value: model.filters.action ?? ""),
                    URLQueryItem(name: "actor", value: model.filters.actor ?? ""),
                    URLQueryItem(name: "from", value: model.filters.from ?? ""),
                    URLQueryItem(name: "to", value: model.filters.to ?? ""),
                    URLQueryItem(name: "page", value: String(number)),
                ]
                return SiteURL.audit + "?" + (query.percentEncodedQuery ?? "")
            }
        }
    }

    private static func changes(_ json: String) -> HTMLNode {
        let changes = AuditLog.decodeChanges(json)
        guard !changes.isEmpty else { return .text("–") }
        return ul(.class("change-list")) {
            for change in changes {
                li { "\(change.field): \(change.from ?? "(none)") → \(change.to ?? "(none)")" }
            }
        }
    }
}
