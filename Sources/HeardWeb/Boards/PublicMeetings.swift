import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// A board's meetings as the public see them: a published agenda before the meeting, approved minutes after.
enum PublicMeetingsController {
    /// The meetings of `board` the public may see, newest first.
    static func published(board: UUID, on db: any Database) async throws -> [Meeting] {
        try await Meeting.query(on: db).filter(\.$board.$id == board).sort(\.$heldOn, .descending).all()
            .filter { $0.agendaPublished || $0.minutesApproved }
    }

    /// The list on the public board page.
    static func section(_ board: Board, meetings: [Meeting]) -> HTMLNode {
        .fragment([
            h2 { "Meetings" },
            meetings.isEmpty
                ? p { "No agendas or minutes of \(board.name) are published in Heard yet." }
                : ul(.class("list-plain")) {
                    for meeting in meetings {
                        li {
                            a(.href(MeetingURL.publicMeeting(board: board.id!, meeting.id!))) { meeting.day.ukText }
                            " – " + publicState(meeting)
                        }
                    }
                },
        ])
    }

    static func publicState(_ meeting: Meeting) -> String {
        if meeting.minutesApproved { return "minutes" }
        if meeting.status == .cancelled { return "cancelled" }
        return "agenda"
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let record = try await MeetingRecord.load(try Admin.uuidParameter(request, "meeting"), on: request.db)
        guard try record.board.id == Admin.uuidParameter(request), record.isPublic else { throw Abort(.notFound) }
        let meeting = record.meeting
        let boardID = record.board.id!
        return .html(
            PageLayout.render(PageContext(request, title: record.title)) {
                p(.class("no-print")) {
                    a(.class("back-link"), .href(BoardURL.publicBoard(boardID))) { record.board.name }
                }
                if meeting.minutesApproved {
                    MeetingPages.minutesBody(record.minutes, approved: true)
                    p(.class("no-print")) {
                        "Download the minutes: "
                        a(.href(MeetingURL.publicMinutesText(board: boardID, meeting.id!))) { "plain text" }
                        " or "
                        a(.href(MeetingURL.publicMinutesHTML(board: boardID, meeting.id!))) { "HTML" }
                        "."
                    }
                } else {
                    h1 { "Agenda: \(record.board.name)" }
                    if meeting.status == .cancelled {
                        div(.class("warning-callout")) {
                            strong { "Cancelled: " }; "this meeting will not take place."
                        }
                    }
                    DecisionForms.summaryList([
                        ("When", .text(record.when)), ("Where", .text(meeting.place)),
                    ])
                    ol(.class("agenda")) {
                        li {
                            h2 { MeetingRules.declarationsItemTitle }
                            p {
                                "Members declare any interest in the items below; the chair decides whether each takes part."
                            }
                        }
                        for item in record.items {
                            li {
                                h2 { item.title }
                                MeetingPages.paper(item.paper)
                            }
                        }
                    }
                }
            })
    }
}
