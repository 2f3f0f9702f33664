import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// `GET /api/v1/fft-results`: a month's Friends and Family Test answers, each answer's count, for the whole
/// system, an organisation, a place or a service, and for each service in it: what the staff page and the
/// monthly return show, for a performance dashboard to read. Aggregates only, so it is public like the open
/// data, which publishes the same counts.
enum FFTResultsAPI {
    struct Answers: Content {
        var veryGood: Int
        var good: Int
        var neitherGoodNorPoor: Int
        var poor: Int
        var veryPoor: Int
        var dontKnow: Int
        var total: Int
        @NullEncoded var percentVeryGoodOrGood: Int?
        @NullEncoded var percentPoorOrVeryPoor: Int?

        init(_ tally: FFTTally) {
            (veryGood, good, neitherGoodNorPoor) = (tally[.veryGood], tally[.good], tally[.neitherGoodNorPoor])
            (poor, veryPoor, dontKnow) = (tally[.poor], tally[.veryPoor], tally[.dontKnow])
            total = tally.total
            percentVeryGoodOrGood = tally.score.percentPositive
            percentPoorOrVeryPoor = tally.score.percentNegative
        }

        enum CodingKeys: String, CodingKey {
            case good, poor, total
            case veryGood = "very_good"
            case neitherGoodNorPoor = "neither_good_nor_poor"
            case veryPoor = "very_poor"
            case dontKnow = "dont_know"
            case percentVeryGoodOrGood = "percent_very_good_or_good"
            case percentPoorOrVeryPoor = "percent_poor_or_very_poor"
        }
    }

    /// Answers by NHS England's modes of collection, every mode present (0 for none).
    struct Modes: Content {
        var smsText: Int
        var tabletKiosk: Int
        var online: Int
        var telephone: Int
        var paperPostcard: Int
        var other: Int

        init(_ modes: [FFTCollectionMode: Int]) {
            (smsText, tabletKiosk, online) = (modes[.sms] ?? 0, modes[.tabletOrKiosk] ?? 0, modes[.online] ?? 0)
            (telephone, paperPostcard, other) = (modes[.telephone] ?? 0, modes[.paper] ?? 0, modes[.other] ?? 0)
        }

        enum CodingKeys: String, CodingKey {
            case online, telephone, other
            case smsText = "sms_text"
            case tabletKiosk = "tablet_kiosk"
            case paperPostcard = "paper_postcard"
        }
    }

    struct ServiceAnswers: Content {
        var id: UUID
        var name: String
        var place: String
        var organisation: String
        @NullEncoded var organisationODSCode: String?
        var answers: Answers
        var modes: Modes

        enum CodingKeys: String, CodingKey {
            case id, name, place, organisation, answers, modes
            case organisationODSCode = "organisation_ods_code"
        }
    }

    struct Body: Content {
        var month: String
        var scope: String
        /// The first and last UK days counted: the last is today while the month is still going.
        var from: String
        var to: String
        var complete: Bool
        var answers: Answers
        var modes: Modes
        var services: [ServiceAnswers]
    }

    @Sendable static func show(_ request: Request) async throws -> Body {
        let today = request.today
        var filters = FFTResultsFilters(month: FFTResultsFilters.standardMonth(today: today))
        if let text = request.query[String.self, at: "month"], !text.trimmingWhitespace().isEmpty {
            guard let month = CalendarMonth(iso: text) else {
                throw APIError(
                    .unprocessableEntity, "Give the month as YYYY-MM, for example \(filters.month.iso).",
                    field: "month")
            }
            if let problem = month.fftResultsProblem(today: today) {
                throw APIError(.unprocessableEntity, problem + ".", field: "month")
            }
            filters.month = month
        }
        let label = try await narrow(&filters, request)
        let sql = request.db as! any SQLDatabase
        let services = try await FFTResults.byService(sql, filters: filters)
        let isMonthSoFar = filters.month == CalendarMonth(containing: today)
        return Body(
            month: filters.month.iso, scope: label, from: filters.month.firstDay.iso,
            to: (isMonthSoFar ? today : filters.month.lastDay).iso, complete: !isMonthSoFar,
            answers: Answers(services.reduce(into: FFTTally()) { $0.add($1.tally) }),
            modes: Modes(services.reduce(into: [:]) { all, row in all.merge(row.modes, uniquingKeysWith: +) }),
            services: services.map {
                ServiceAnswers(
                    id: $0.id, name: $0.name, place: $0.place, organisation: $0.organisation,
                    organisationODSCode: $0.odsCode.isEmpty ? nil : $0.odsCode, answers: Answers($0.tally),
                    modes: Modes($0.modes))
            })
    }

    /// The organisation, place and service asked for, together as on the staff page: each must name something,
    /// and a service must lie in the organisation and place given with it. Returns the scope's label.
    static func narrow(_ filters: inout FFTResultsFilters, _ request: Request) async throws -> String {
        func given(_ name: String) -> String? {
            let text = PlaceAndServiceFilter.text(request, name)
            return text.isEmpty ? nil : text
        }
        var parts: [String] = []
        if let text = given("organisation") {
            let organisation = try await FeedbackAPIController.organisation(text, on: request.db)
            filters.organisation = organisation
            parts.append("organisation:" + organisation.name)
        }
        if let slug = given("place") {
            let place = try await FeedbackAPIController.place(slug, on: request.db)
            filters.place = place
            parts.append("place:" + place.name)
        }
        if let text = given("service") {
            let service = try await FeedbackAPIController.service(text, on: request.db)
            if let place = filters.place, service.$place.id != place.id {
                throw APIError(
                    .unprocessableEntity, "\(service.name) is in \(service.place.name), not \(place.name).",
                    field: "service")
            }
            if let organisation = filters.organisation, service.$organisation.id != organisation.id {
                throw APIError(
                    .unprocessableEntity, "\(service.name) is not run by \(organisation.name).", field: "service")
            }
            filters.service = service
            parts.append("service:" + service.name)
        }
        return parts.isEmpty ? "everywhere" : parts.joined(separator: ", ")
    }
}
