import Fluent
import HeardDomain
import HeardStorage
import Vapor

/// The staff landing page: what Heard holds and what is waiting, from live counts.
enum DashboardPage {
    struct Model {
        var organisations: Int
        var places: Int
        var services: Int
        var accountsByRole: [(Role, Int)]
        var jobs: [Job.Status: Int]
        var recentEvents: [AuditEvent]
        var feedback: FeedbackDashboard?
        var boards: BoardsWaiting?
        /// Ideas from involved people with no answer yet, for those who answer them.
        var ideasWaiting: Int?
    }

    /// What a board secretary should act on: declarations overdue, changes declared late in the last 12 months,
    /// and boards with hardly any lived experience.
    struct BoardsWaiting {
        var boards: Int
        var declarationsOverdue: Int
        var declaredLate: Int
        var boardsWithConcern: Int

        static func load(on db: any Database, today: SimpleDate) async throws -> BoardsWaiting {
            let members = try await BoardRegister.sittingMembers(on: db).filter { $0.sits(on: today) }
            let byBoard = Dictionary(grouping: members, by: { $0.$board.id })
            let boards = try await Board.query(on: db).all()
            return BoardsWaiting(
                boards: boards.count,
                declarationsOverdue: members.filter { BoardRegister.status($0, today: today).isOverdue }.count,
                declaredLate: members.map { BoardRegister.lateInLastYear($0, today: today) }.reduce(0, +),
                boardsWithConcern: boards.filter {
                    BoardRegister.composition(byBoard[$0.id!] ?? [], on: today).concern != nil
                }.count)
        }
    }

    /// - Parameter feedbackFilters: the feedback figures' place, service and period; nil leaves the feedback
    ///   figures out (roles that do not work on feedback).
    static func query(
        _ db: any Database, includeAudit: Bool, feedbackFilters: DashboardFilters?, includeBoards: Bool = false,
        includeIdeas: Bool = false, today: SimpleDate
    ) async throws
        -> Model
    {
        let users = try await User.query(on: db).filter(\.$isActive == true).all()
        let byRole = Dictionary(grouping: users, by: \.role).mapValues(\.count)
        var feedback: FeedbackDashboard?
        if let feedbackFilters {
            feedback = try await FeedbackDashboard.load(on: db, filters: feedbackFilters, today: today)
        }
        return Model(
            organisations: try await Organisation.query(on: db).count(),
            places: try await Place.query(on: db).count(),
            services: try await Service.query(on: db).count(),
            accountsByRole: Role.allCases.map { ($0, byRole[$0] ?? 0) },
            jobs: try await JobQueue(database: db, workerID: "dashboard").counts(),
            recentEvents: includeAudit
                ? try await AuditEvent.query(on: db).sort(\.$occurredAt, .descending).limit(10).all() : [],
            feedback: feedback,
            boards: includeBoards ? try await BoardsWaiting.load(on: db, today: today) : nil,
            ideasWaiting: includeIdeas ? try await Idea.query(on: db).filter(\.$status == .submitted).count() : nil)
    }

    /// `setupWarning`: something about how Heard is set up that an administrator must fix (`PlaceholderContact`).
    static func render(
        _ model: Model, context: PageContext, engineProblem: String? = nil, setupWarning: HTMLNode = .fragment([])
    ) -> String {
        PageLayout.render(context) {
            if let problems = model.feedback?.filters.problems, !problems.isEmpty {
                div(.class("notice"), .role("status")) { problems.joined(separator: " ") }
            }
            h1 { "Dashboard" }
            setupWarning
            if let user = context.user {
                p(.class("lead")) { "Signed in as \(user.displayName), \(user.role.title.lowercased())." }
            }
            if let feedback = model.feedback, let user = context.user {
                FeedbackDashboardView.render(
                    feedback, role: user.role, csrfToken: context.csrfToken ?? "", engineProblem: engineProblem)
            }
            if let ideasWaiting = model.ideasWaiting {
                section(.aria("labelledby", "ideas-waiting")) {
                    h2(.id("ideas-waiting")) { "Ideas from involved people" }
                    ul(.class("stat-list")) {
                        li {
                            a(.href(IdeaURL.staffIdeas + "?status=submitted")) {
                                strong { "\(ideasWaiting)" }
                                ideasWaiting == 1 ? " idea waiting for a response" : " ideas waiting for a response"
                            }
                        }
                    }
                }
            }
            if let boards = model.boards {
                section(.aria("labelledby", "boards-waiting")) {
                    h2(.id("boards-waiting")) { "Boards and the register of interests" }
                    ul(.class("stat-list")) {
                        li {
                            a(.href(BoardURL.staffBoards)) {
                                strong { "\(boards.declarationsOverdue)" }
                                boards.declarationsOverdue == 1
                                    ? " member with declarations overdue" : " members with declarations overdue"
                            }
                        }
                        li {
                            a(.href(BoardURL.staffBoards)) {
                                strong { "\(boards.declaredLate)" }
                                boards.declaredLate == 1
                                    ? " change to interests declared late in the last 12 months"
                                    : " changes to interests declared late in the last 12 months"
                            }
                        }
                        li {
                            a(.href(BoardURL.staffBoards)) {
                                strong { "\(boards.boardsWithConcern) of \(boards.boards)" }
                                " boards with a membership notice"
                            }
                        }
                    }
                }
            }
            section(.aria("labelledby", "coverage")) {
                h2(.id("coverage")) { "What Heard covers" }
                ul(.class("stat-list")) {
                    li {
                        strong { "\(model.places)" }; " places"
                    }
                    li {
                        strong { "\(model.organisations)" }; " organisations"
                    }
                    li {
                        strong { "\(model.services)" }; " services"
                    }
                }
            }
            section(.aria("labelledby", "accounts")) {
                h2(.id("accounts")) { "Active accounts by role" }
                DataTable.render(
                    caption: "Active accounts by role", headers: ["Role", "Accounts"],
                    rows: model.accountsByRole.map { [.text($0.0.title), .text(String($0.1))] }, captionHidden: true)
            }
            section(.aria("labelledby", "work")) {
                h2(.id("work")) { "Background work" }
                // Administrators can see why a job failed and run it again; they are told here first.
                let canManage = context.user.map { StaffArea.backgroundWork.allows($0.role) } ?? false
                if canManage { JobsPage.failedWarning(model.jobs[.failed] ?? 0) }
                DataTable.render(
                    caption: "Background jobs by status", headers: ["Status", "Jobs"],
                    rows: JobsPage.statuses.map { status in
                        let count = String(model.jobs[status] ?? 0)
                        return [
                            .text(JobKinds.statusText(status)),
                            canManage
                                ? a(.href(JobsController.path + "?status=\(status.rawValue)")) { count } : .text(count),
                        ]
                    },
                    captionHidden: true)
            }
            if !model.recentEvents.isEmpty {
                section(.aria("labelledby", "recent")) {
                    h2(.id("recent")) { "Recent changes" }
                    ul(.class("list-plain")) {
                        for event in model.recentEvents {
                            li {
                                event.occurredAt.formatted(AuditPage.dateFormat); " – "; event.summary; " (";
                                event.actorLabel; ")"
                            }
                        }
                    }
                    p { a(.href(SiteURL.audit)) { "See the full audit log" } }
                }
            }
        }
    }
}
