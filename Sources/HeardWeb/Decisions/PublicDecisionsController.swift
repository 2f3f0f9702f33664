import Fluent
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import Vapor

/// Public pages: the consultation hub, each consultation with its response form, the outcome report
/// ("We asked, you said, we did") and its CSV, each initiative's involvement trail, and decision records.
enum PublicDecisionsController {
    @Sendable static func hub(_ request: Request) async throws -> Response {
        // Where each consultation stands needs only its dates and whether its outcome is out: one query, not
        // a whole initiative record per consultation.
        let consultations = try await Consultation.query(on: request.db).sort(\.$opensOn, .descending).all()
        var groups: [ConsultationState: [(Consultation, ConsultationFacts)]] = [:]
        for consultation in consultations {
            let timing = ConsultationFacts(
                opensOn: consultation.opens, closesOn: consultation.closes,
                closedEarlyOn: consultation.closedEarlyOn.flatMap(SimpleDate.init(iso:)),
                analysisPublished: consultation.analysisPublishedAt != nil)
            groups[timing.state(on: request.today), default: []].append((consultation, timing))
        }
        let initiatives = try await Initiative.query(on: request.db).sort(\.$title).all()
        return .html(
            PublicViews.hub(groups, initiatives: initiatives, context: PageContext(request, title: "Consultations")))
    }

    static func loadPublic(_ request: Request) async throws -> (Consultation, InitiativeBundle) {
        guard let consultation = try await Consultation.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        return (consultation, try await InitiativeBundle.load(consultation.$initiative.id, on: request.db))
    }

    @Sendable static func consultation(_ request: Request) async throws -> Response {
        let (_, bundle) = try await loadPublic(request)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let open = bundle.consultationFacts!.state(on: request.today) == .open
        return .html(
            PublicViews.consultation(
                request, bundle: bundle, today: request.today, places: places,
                submission: .init(fields: [:]), key: open ? request.newSubmissionKey : "",
                failure: nil, placesTaken: try await placesTaken(bundle, today: request.today, on: request.db)))
    }

    @Sendable static func respond(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await loadPublic(request)
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let submission = try ResponsesController.submission(request)
        let state = bundle.consultationFacts!.state(on: request.today)
        do {
            guard state == .open else {
                throw ValidationFailure([
                    FieldError(
                        "questions",
                        state == .forthcoming
                            ? "This consultation opens on \(consultation.opens.ukText). Please come back then."
                            : "This consultation closed on \(bundle.consultationFacts!.lastDay.ukText), so we cannot add new responses."
                    )
                ])
            }
            let stored = try await ResponsesController.store(
                consultation: consultation, channel: "online", submission: submission, questions: bundle.questions,
                places: places, request: request)
            return .html(
                PublicViews.thanks(
                    request, consultation: consultation, duplicate: !stored,
                    willBeEmailed: !submission.value("contact_email").trimmingWhitespace().isEmpty,
                    context: PageContext(request, title: stored ? "Thank you" : "We already have your response")),
                status: stored ? .ok : .conflict)
        } catch let failure as ValidationFailure {
            guard state == .open else {
                // The form is gone from the page once it closes; the person's words must not go with it.
                return ExpiredFormPage.wordsKept(
                    for: request,
                    heading: state == .forthcoming
                        ? "This consultation has not opened yet" : "This consultation has closed",
                    lead: failure.errors.first?.message ?? "", status: .conflict, formLink: false)
            }
            return .html(
                PublicViews.consultation(
                    request, bundle: bundle, today: request.today, places: places, submission: submission,
                    key: submission.value("submission_key"), failure: failure,
                    placesTaken: try await placesTaken(bundle, today: request.today, on: request.db)),
                status: .unprocessableEntity)
        }
    }

    /// A response sent back after its form token expired (a phone that closed the browser halfway): nothing is
    /// stored, but while the consultation is open the form comes back with every answer as sent and a new token,
    /// to check and send again, as the feedback form does. Only for someone not signed in, where anyone may
    /// respond anyway; otherwise nil, and the words are shown to copy.
    static func expiredForm(_ request: Request) async throws -> Response? {
        guard request.currentUser == nil, let (_, bundle) = try? await loadPublic(request),
            bundle.consultationFacts?.state(on: request.today) == .open,
            let submission = try? ResponsesController.submission(request)
        else { return nil }
        let places = try await Place.query(on: request.db).sort(\.$name).all()
        let key = submission.value("submission_key").trimmingWhitespace()
        let failure = ValidationFailure([
            FieldError(
                "questions",
                "The form had expired, so your response has not been sent yet. Your answers are below: check them "
                    + "and send it again.")
        ])
        return .html(
            PublicViews.consultation(
                request, bundle: bundle, today: request.today, places: places, submission: submission,
                key: key.isEmpty || key.utf8.count > 64 ? request.newSubmissionKey : key, failure: failure,
                placesTaken: try await placesTaken(bundle, today: request.today, on: request.db)),
            status: .forbidden)
    }

    /// People signed up to each event the page offers, for its places left.
    static func placesTaken(
        _ bundle: InitiativeBundle, today: SimpleDate, on db: any Database
    ) async throws -> [UUID: Int] {
        try await EventSignups.placesTaken(bundle.eventsToRespondAt(today: today).compactMap(\.id), on: db)
    }

    @Sendable static func outcome(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await loadPublic(request)
        guard consultation.analysisPublishedAt != nil else { throw Abort(.notFound) }
        let analysis = try await ConsultationAnalysis.load(bundle, on: request.db)!
        return .html(
            PublicViews.outcome(
                bundle, analysis: analysis,
                context: PageContext(request, title: "We asked, you said, we did: \(consultation.title)")))
    }

    @Sendable static func outcomeCSV(_ request: Request) async throws -> Response {
        let (consultation, bundle) = try await loadPublic(request)
        guard consultation.analysisPublishedAt != nil else { throw Abort(.notFound) }
        let analysis = try await ConsultationAnalysis.load(bundle, on: request.db)!
        var rows: [[String]] = [["section", "item", "detail", "count", "share_percent", "population_percent", "flag"]]
        rows.append(["responses", "total", "", String(analysis.total), "", "", ""])
        for (channel, count) in analysis.byChannel {
            rows.append(["responses", "channel", channel, String(count), "", "", ""])
        }
        for (place, count) in analysis.byPlace {
            rows.append(["responses", "place", place, String(count), "", "", ""])
        }
        for organisation in analysis.organisations {
            rows.append(["responses", "organisation", organisation.name, String(organisation.responses), "", "", ""])
        }
        // Each campaign once, with one of its texts (redacted), as on the page.
        for (index, campaign) in analysis.campaigns.enumerated() {
            rows.append([
                "campaigns", "group \(index + 1)", String(ConsultationAnalysis.oneLine(campaign.text).prefix(500)),
                String(campaign.size), "", "", "",
            ])
        }
        for tally in analysis.tallies {
            if tally.ranks.isEmpty {
                for (answer, count) in tally.counts {
                    rows.append(["question", tally.question.text, answer, String(count), "", "", ""])
                }
            } else {
                // A ranking: first places, then how many ranked each choice and its average place.
                for ((_, first), rank) in zip(tally.counts, tally.ranks) {
                    rows.append([
                        "question", tally.question.text, rank.choice + " (put first)", String(first), "", "", "",
                    ])
                    rows.append([
                        "question", tally.question.text, rank.choice + " (ranked it)", String(rank.ranked), "", "", "",
                    ])
                    rows.append([
                        "question", tally.question.text, rank.choice + " (average place)",
                        rank.averagePlace.map { String(format1: $0) } ?? "", "", "", "",
                    ])
                }
            }
        }
        for (question, answered) in analysis.ownWords {
            rows.append(["question", question.text, "answered in their own words", String(answered), "", "", ""])
        }
        for theme in bundle.themes {
            rows.append([
                "theme", theme.name,
                theme.responseReason.isEmpty
                    ? (theme.responseKind?.title ?? "No response yet")
                    : (theme.responseKind?.title ?? "No response yet") + ": " + theme.responseReason,
                String(theme.mentions), "", "", "",
            ])
        }
        for group in analysis.representation {
            for row in group.rows {
                rows.append([
                    "representation", group.characteristic.title,
                    AnalysisViews.categoryLabel(group.characteristic, row.category),
                    row.respondentsText(), row.respondentShare.map { String(format1: $0) } ?? "",
                    row.populationShare.map { String(format1: $0) } ?? "",
                    // The page's verdict, so "no" and "too few to tell" are told apart, as on the page.
                    row.underRepresented ? "under-represented" : row.verdict.lowercased(),
                ])
            }
        }
        let csv = DecisionCSV.render(rows)
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.contentDisposition = .init(.attachment, filename: "outcome-\(Slug.make(consultation.title)).csv")
        return Response(status: .ok, headers: headers, body: .init(string: csv))
    }

    @Sendable static func initiative(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        var comments: [UUID: [ActivityComment]] = [:]
        let ids = bundle.activities.compactMap(\.id)
        if !ids.isEmpty {
            for comment in try await ActivityComment.query(on: request.db).filter(\.$activity.$id ~~ ids).all() {
                comments[comment.$activity.id, default: []].append(comment)
            }
        }
        return .html(
            PublicViews.initiative(
                bundle, comments: comments, today: request.today,
                context: PageContext(request, title: bundle.initiative.title)))
    }

    /// The equality impact assessment, public once it exists (draft or signed off).
    @Sendable static func assessment(_ request: Request) async throws -> Response {
        let bundle = try await InitiativeBundle.load(try Admin.uuidParameter(request), on: request.db)
        guard let assessment = bundle.assessment else { throw Abort(.notFound) }
        return .html(
            PublicViews.assessment(
                assessment,
                versions: try await EqualityAssessmentController.versions(of: bundle.initiative.id!, on: request.db),
                bundle: bundle,
                context: PageContext(request, title: "Equality impact assessment: \(bundle.initiative.title)")))
    }

    /// Every approved decision, newest meeting first: what was decided, by whom, and how people's views counted.
    @Sendable static func decisions(_ request: Request) async throws -> Response {
        let decisions = try await Decision.query(on: request.db).filter(\.$status == "approved")
            .with(\.$initiative).sort(\.$meetingOn, .descending).sort(\.$title).all()
        return .html(PublicViews.decisions(decisions, context: PageContext(request, title: "Decisions")))
    }

    @Sendable static func decision(_ request: Request) async throws -> Response {
        guard let decision = try await Decision.find(try Admin.uuidParameter(request), on: request.db),
            decision.isApproved
        else { throw Abort(.notFound) }
        let bundle = try await InitiativeBundle.load(decision.$initiative.id, on: request.db)
        return .html(
            PublicViews.decision(decision, bundle: bundle, context: PageContext(request, title: decision.title)))
    }
}

/// RFC 4180 CSV text, with cells that a spreadsheet would run as formulas made inert.
enum DecisionCSV {
    static func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(CSVResponse.escape).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
