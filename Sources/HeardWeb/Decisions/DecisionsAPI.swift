import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `GET /api/v1/decisions` (public) and `POST /api/v1/decisions/{id}/approve` (board secretary's token).
enum DecisionsAPI {
    struct ConsultationDTO: Content {
        var id: UUID
        var status: String
        var opensOn: String
        var closesOn: String

        enum CodingKeys: String, CodingKey {
            case id, status
            case opensOn = "opens_on"
            case closesOn = "closes_on"
        }
    }

    struct DecisionDTO: Content {
        var id: UUID
        var title: String
        var status: String
        var meeting: String
        var meetingOn: String
        var initiative: APIRef.Titled
        /// What was decided: only once approved (a proposed decision's wording can still change).
        @NullEncoded var outcome: String?
        @NullEncoded var approvedOn: String?
        /// The public record, once approved.
        @NullEncoded var url: String?
        @NullEncoded var consultation: ConsultationDTO?
        /// Who took it, the interests they declared (empty: none) and whether the meeting was quorate, as the
        /// public record shows them: only once approved.
        @NullEncoded var membersPresent: [String]?
        @NullEncoded var declarations: [String]?
        @NullEncoded var quorate: Bool?
        /// When Heard counted the quorum at approval: the voting members it counted present for the item, and
        /// the board's quorum then.
        @NullEncoded var quorumVotingPresent: Int?
        @NullEncoded var quorumRequired: Int?

        enum CodingKeys: String, CodingKey {
            case id, title, status, meeting, initiative, outcome, url, consultation, declarations, quorate
            case meetingOn = "meeting_on"
            case approvedOn = "approved_on"
            case membersPresent = "members_present"
            case quorumVotingPresent = "quorum_voting_present"
            case quorumRequired = "quorum_required"
        }
    }

    /// The 409 body: the usual error shape plus the principle that refused.
    struct RefusalBody: Content {
        var error: String
        @NullEncoded var field: String?
        var principle: String
    }

    static func dto(_ bundle: InitiativeBundle, _ decision: Decision, today: SimpleDate) -> DecisionDTO {
        let consultation = bundle.consultation.flatMap { c in
            bundle.consultationFacts.map { facts in
                ConsultationDTO(
                    id: c.id!, status: facts.state(on: today).rawValue, opensOn: c.opensOn, closesOn: facts.lastDay.iso)
            }
        }
        let approved = decision.isApproved
        return DecisionDTO(
            id: decision.id!, title: decision.title, status: decision.status, meeting: decision.meeting,
            meetingOn: decision.meetingOn,
            initiative: APIRef.Titled(id: bundle.initiative.id!, title: bundle.initiative.title),
            outcome: approved ? decision.outcome : nil,
            approvedOn: approved ? decision.approvedAt.map { DecisionClock.ukDay(of: $0).iso } : nil,
            url: approved ? DecisionURL.publicDecision(decision.id!) : nil, consultation: consultation,
            membersPresent: approved ? DecisionForms.lineItems(decision.membersPresent) : nil,
            declarations: approved ? DecisionForms.lineItems(decision.declarations) : nil,
            quorate: approved ? decision.quorate : nil,
            quorumVotingPresent: approved ? decision.quorumVotingPresent : nil,
            quorumRequired: approved ? decision.quorumRequired : nil)
    }

    @Sendable static func list(_ request: Request) async throws -> PagedList<DecisionDTO> {
        let page = try APIPage(request)
        let total = try await Decision.query(on: request.db).count()
        let decisions = try await Decision.query(on: request.db).with(\.$initiative).sort(\.$meetingOn).sort(\.$id)
            .range(page.range).all()
        var items: [DecisionDTO] = []
        for decision in decisions {
            let bundle = try await InitiativeBundle.load(decision.initiative, on: request.db)
            items.append(dto(bundle, decision, today: request.today))
        }
        return page.list(items, total: total)
    }

    @Sendable static func approve(_ request: Request) async throws -> Response {
        // BearerTokenMiddleware(area: .decisions) has checked the token and the role.
        guard let user = request.auth.get(User.self) else {
            throw APIError(.unauthorized, "Send a staff API token as 'Authorization: Bearer heard_…'.")
        }
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let decision = try await Decision.find(id, on: request.db)
        else {
            throw APIError(.notFound, "No decision with this id. See GET /api/v1/decisions.", field: "id")
        }
        // Approving twice is not a Gunning failure: say what happened instead of naming a principle.
        if decision.isApproved {
            let day = decision.approvedAt.map { " on " + DecisionClock.ukDay(of: $0).ukText } ?? ""
            let response = Response(status: .conflict)
            try response.content.encode(
                RefusalBody(
                    error: "This decision was approved\(day). It cannot be approved again.", field: nil,
                    principle: "already-approved"))
            return response
        }
        let actor = AuditActor(id: user.id, label: user.email + " (API)")
        if let refusal = try await DecisionApproval.attempt(decision, actor: actor, request: request) {
            let response = Response(status: .conflict)
            try response.content.encode(
                RefusalBody(error: refusal.message, field: nil, principle: refusal.principle.rawValue))
            return response
        }
        let bundle = try await InitiativeBundle.load(decision.$initiative.id, on: request.db)
        let response = Response(status: .ok)
        try response.content.encode(dto(bundle, decision, today: request.today))
        return response
    }
}

/// Issues a decisions API token for an existing account (tests and, until issue 4 is merged, operators).
public enum DecisionAPITokens {
    public static func issue(email: String, on db: any Database) async throws -> String {
        guard let user = try await User.query(on: db).filter(\.$email == EmailAddress.normalised(email)).first() else {
            throw Abort(.notFound, reason: "No account with the e-mail address \(email).")
        }
        return try await APITokens.create(for: user, name: "decisions", actor: .system("tests"), on: db)
    }
}
