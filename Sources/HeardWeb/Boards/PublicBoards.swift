import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// The public pages: every board, who sits on it, and the register of its members' interests (published, as
/// NHS England's guidance requires, at least once a year; here, always).
enum PublicBoardsController {
    @Sendable static func index(_ request: Request) async throws -> Response {
        let boards = try await Board.query(on: request.db).with(\.$members).sort(\.$name).all()
        let today = request.today
        return .html(
            PageLayout.render(PageContext(request, title: "Boards and who sits on them")) {
                h1 { "Boards and who sits on them" }
                p(.class("lead")) {
                    "The boards, committees and panels that make or advise on decisions about local health and care, their members, and the interests each member has declared. Members declare their interests on appointment, and within 28 days of any change, and every year."
                }
                if boards.isEmpty {
                    p { "No boards are listed yet." }
                } else {
                    ul(.class("story-list")) {
                        for board in boards {
                            let composition = BoardRegister.composition(board.members, on: today)
                            li(.class("story")) {
                                h2(.class("story-title")) { a(.href(BoardURL.publicBoard(board.id!))) { board.name } }
                                p { board.purpose }
                                p(.class("hint")) {
                                    Wording.count(composition.members, "member")
                                        + ", \(composition.livedExperience) with lived experience of the services."
                                }
                            }
                        }
                    }
                }
            })
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        guard let board = try await Board.find(try Admin.uuidParameter(request), on: request.db) else {
            throw Abort(.notFound)
        }
        let today = request.today
        let everyone = try await board.$members.query(on: request.db).with(\.$declarations).sort(\.$name).all()
        let members = everyone.filter { $0.sits(on: today) }
        let former = everyone.filter { BoardRegister.recentlyLeft($0, today: today) }
        let composition = BoardRegister.composition(members, on: today)
        // The decisions this board took: on one of its meetings' agendas, or naming it as the paper's meeting.
        let owners = try await DecisionBoards.load(on: request.db)
        let decisions = try await Decision.query(on: request.db).filter(\.$status == "approved")
            .sort(\.$meetingOn, .descending).all()
            .filter { owners.boards(of: $0).contains(board.id!) }
        let meetings = try await PublicMeetingsController.published(board: board.id!, on: request.db)
        return .html(
            PageLayout.render(PageContext(request, title: board.name)) {
                p { a(.class("back-link"), .href(BoardURL.publicBoards)) { "All boards" } }
                h1 { board.name }
                p(.class("lead")) { board.purpose }
                BoardPages.compositionSummary(composition)
                if let quorum = board.quorum {
                    p {
                        "Quorum: \(QuorumRules.votingMembers(quorum)). Members who leave for an item, or only discuss it, do not count towards it."
                    }
                }
                h2 { "Members" }
                if members.isEmpty {
                    p { "No members are listed yet." }
                } else {
                    DataTable.render(
                        caption: "Members of \(board.name)",
                        headers: ["Member", "Role", "Votes", "Lived experience", "Since"],
                        rows: members.map { member in
                            [
                                .text(member.name), .text(member.role), .text(member.votes ? "Yes" : "No"),
                                .text(member.livedExperience ? "Yes" : "No"), .text(member.appointed.ukText),
                            ]
                        }, captionHidden: true, stacked: true)
                }
                if !former.isEmpty {
                    h3 { "Members who left in the last six months" }
                    DataTable.render(
                        caption: "Former members of \(board.name)", headers: ["Member", "Role", "Left on"],
                        rows: former.map { member in
                            [
                                .text(member.name), .text(member.role),
                                .text(member.leftOn.flatMap(SimpleDate.init(iso:))?.ukText ?? ""),
                            ]
                        }, captionHidden: true, stacked: true)
                }
                if !members.isEmpty || !former.isEmpty {
                    h2 { "Register of interests" }
                    p {
                        "What each member has declared in the last year, any interest that still stands, and any that ended in the last six months; members who left in that time are listed too. A nil return means they declared that they have no interests."
                    }
                    for member in members {
                        h3 { member.name }
                        // Whether the member is up to date is public too: an overdue declaration should be visible.
                        p { BoardRegister.status(member, today: today).summary + "." }
                        BoardPages.registerTable(
                            BoardRegister.published(member, today: today),
                            caption: "\(member.name)'s declared interests", today: today,
                            whenEmpty: "Nothing declared in the last year.")
                    }
                    for member in former {
                        h3 {
                            member.name + " (left on " + (member.leftOn.flatMap(SimpleDate.init(iso:))?.ukText ?? "")
                                + ")"
                        }
                        BoardPages.registerTable(
                            BoardRegister.published(member, today: today),
                            caption: "\(member.name)'s declared interests", today: today,
                            whenEmpty: "Nothing declared in the last year.")
                    }
                }
                PublicMeetingsController.section(board, meetings: meetings)
                h2 { "Decisions" }
                if decisions.isEmpty {
                    p { "No decisions by \(board.name) are published in Heard yet." }
                } else {
                    ul(.class("list-plain")) {
                        for decision in decisions {
                            li {
                                a(.href(DecisionURL.publicDecision(decision.id!))) { decision.title }
                                " – " + (SimpleDate(iso: decision.meetingOn)?.ukText ?? decision.meetingOn)
                            }
                        }
                    }
                }
            })
    }
}
