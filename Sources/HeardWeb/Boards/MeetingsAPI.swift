import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `GET /api/v1/meetings` and `GET /api/v1/meetings/{id}`: board meetings whose agenda is published or whose
/// minutes are approved, as open data. Drafts are not shown.
enum MeetingsAPI {
    struct ListBody: Content {
        var meetings: [Summary]
    }

    struct Summary: Content {
        var id: UUID
        var boardID: UUID
        var board: String
        var date: String
        @NullEncoded var startsAt: String?
        var place: String
        var status: MeetingStatus
        var minutesApproved: Bool

        enum CodingKeys: String, CodingKey {
            case id, board, date, place, status
            case boardID = "board_id", startsAt = "starts_at", minutesApproved = "minutes_approved"
        }
    }

    struct Detail: Content {
        var meeting: Summary
        var agenda: [AgendaItem]
        /// Null until the minutes are approved.
        @NullEncoded var minutes: Minutes?
    }

    struct AgendaItem: Content {
        var number: Int
        var title: String
        /// "declarations" (the standing first item), "decision" or "item".
        var kind: String
        var paper: String
        @NullEncoded var decisionID: UUID?

        enum CodingKeys: String, CodingKey {
            case number, title, kind, paper
            case decisionID = "decision_id"
        }
    }

    struct Minutes: Content {
        var approvedOn: String
        var present: [String]
        var apologies: [String]
        var declarations: [Declaration]
        var declarationsNotes: String
        var items: [MinutesItem]

        enum CodingKeys: String, CodingKey {
            case present, apologies, declarations, items
            case approvedOn = "approved_on", declarationsNotes = "declarations_notes"
        }
    }

    struct Declaration: Content {
        var person: String
        var interest: String
        var actions: [String]
        var chairActions: [ChairActionRow]

        enum CodingKeys: String, CodingKey {
            case person, interest, actions
            case chairActions = "chair_actions"
        }
    }

    /// One item's outcome for a member with a declared interest: a `ChairAction` raw value ("leave", "not
    /// relevant" when the interest was judged not relevant to the item), or null when none was recorded.
    struct ChairActionRow: Content {
        var item: Int
        @NullEncoded var action: String?
    }

    struct MinutesItem: Content {
        var number: Int
        var title: String
        @NullEncoded var outcome: String?
        var quorum: String
        var notes: String
    }

    static func summary(_ meeting: Meeting, board: Board) -> Summary {
        Summary(
            id: meeting.id!, boardID: board.id!, board: board.name, date: meeting.heldOn, startsAt: meeting.startsAt,
            place: meeting.place, status: meeting.status, minutesApproved: meeting.minutesApproved)
    }

    @Sendable static func list(_ request: Request) async throws -> ListBody {
        let meetings = try await Meeting.query(on: request.db).with(\.$board).sort(\.$heldOn, .descending).all()
            .filter { $0.agendaPublished || $0.minutesApproved }
        return ListBody(meetings: meetings.map { summary($0, board: $0.board) })
    }

    @Sendable static func show(_ request: Request) async throws -> Detail {
        guard let id = request.parameters.get("id").flatMap(UUID.init(uuidString:)),
            let meeting = try await Meeting.find(id, on: request.db), meeting.agendaPublished || meeting.minutesApproved
        else {
            throw APIError(.notFound, "No published meeting with this id.")
        }
        let record = try await MeetingRecord.load(meeting, on: request.db)
        let agenda =
            [
                AgendaItem(
                    number: 1, title: MeetingRules.declarationsItemTitle, kind: "declarations", paper: "",
                    decisionID: nil)
            ]
            + record.items.enumerated().map { index, item in
                AgendaItem(
                    number: index + 2, title: item.title, kind: item.$decision.id == nil ? "item" : "decision",
                    paper: item.paper, decisionID: item.$decision.id)
            }
        var minutes: Minutes?
        if let approvedAt = meeting.minutesApprovedAt {
            let composed = record.minutes
            minutes = Minutes(
                approvedOn: DecisionClock.ukDay(of: approvedAt).iso, present: composed.present,
                apologies: composed.apologies,
                declarations: composed.declarations.map {
                    Declaration(
                        person: $0.person, interest: $0.interest, actions: $0.actions,
                        chairActions: $0.chairActions.map { ChairActionRow(item: $0.item, action: $0.action?.rawValue) }
                    )
                }, declarationsNotes: composed.declarationsNotes,
                items: composed.items.map {
                    MinutesItem(
                        number: $0.number, title: $0.title, outcome: $0.outcome, quorum: $0.quorum, notes: $0.notes)
                })
        }
        return Detail(meeting: summary(meeting, board: record.board), agenda: agenda, minutes: minutes)
    }
}
