import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `GET /api/v1/boards`: every board, its members and their register of interests, as open data.
enum BoardsAPI {
    struct Body: Content {
        var boards: [BoardBody]
    }

    struct BoardBody: Content {
        var id: UUID
        var name: String
        var purpose: String
        /// Voting members who must be present for a decision; null when the board has not set one.
        @NullEncoded var quorum: Int?
        var composition: CompositionBody
        var members: [MemberBody]
    }

    struct CompositionBody: Content {
        var members: Int
        var voting: Int
        var livedExperience: Int
        var livedExperienceVoting: Int
        @NullEncoded var notice: String?

        enum CodingKeys: String, CodingKey {
            case members, voting, notice
            case livedExperience = "lived_experience", livedExperienceVoting = "lived_experience_voting"
        }
    }

    struct MemberBody: Content {
        var name: String
        var role: String
        var votes: Bool
        var livedExperience: Bool
        var appointedOn: String
        /// "up_to_date", "due" (on appointment, not yet late) or "overdue".
        var declarations: String
        var interests: [InterestBody]

        enum CodingKeys: String, CodingKey {
            case name, role, votes, declarations, interests
            case livedExperience = "lived_experience", appointedOn = "appointed_on"
        }
    }

    struct InterestBody: Content {
        var kind: InterestKind
        var details: String
        var declaredOn: String
        @NullEncoded var heldFrom: String?
        @NullEncoded var endedOn: String?

        enum CodingKeys: String, CodingKey {
            case kind, details
            case declaredOn = "declared_on", heldFrom = "held_from", endedOn = "ended_on"
        }
    }

    @Sendable static func list(_ request: Request) async throws -> Body {
        let today = request.today
        let boards = try await Board.query(on: request.db).with(\.$members) { $0.with(\.$declarations) }.sort(\.$name)
            .all()
        return Body(
            boards: boards.map { board in
                let members = board.members.filter { $0.sits(on: today) }.sorted { $0.name < $1.name }
                let composition = BoardRegister.composition(members, on: today)
                return BoardBody(
                    id: board.id!, name: board.name, purpose: board.purpose, quorum: board.quorum,
                    composition: CompositionBody(
                        members: composition.members, voting: composition.voting,
                        livedExperience: composition.livedExperience,
                        livedExperienceVoting: composition.livedExperienceVoting, notice: composition.concern),
                    members: members.map { member in
                        let status = BoardRegister.status(member, today: today)
                        return MemberBody(
                            name: member.name, role: member.role, votes: member.votes,
                            livedExperience: member.livedExperience, appointedOn: member.appointedOn,
                            declarations: status.isOverdue ? "overdue" : status.isUpToDate ? "up_to_date" : "due",
                            interests: BoardRegister.published(member, today: today).map {
                                InterestBody(
                                    kind: $0.kind, details: $0.details, declaredOn: $0.declaredOn,
                                    heldFrom: $0.heldFrom,
                                    endedOn: $0.endedOn)
                            })
                    })
            })
    }
}
