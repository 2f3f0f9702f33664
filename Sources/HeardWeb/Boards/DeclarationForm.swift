import Fluent
import Foundation
import HeardDomain
import HeardStorage
import SQLKit
import Vapor

/// The declaration of interests form, shared by the secretary's page (any date) and the member's own page
/// (dated today). Field names carry `suffix` so a page with several memberships keeps their errors apart.
enum DeclarationForm {
    struct Read {
        var typed: [String: String]
        var errors: [FieldError]
        var entry: RegisterEntry?
    }

    static func read(
        _ request: Request, member: BoardMember, board: Board, suffix: String, declaredToday: Bool
    ) -> Read {
        func name(_ field: String) -> String { field + suffix }
        let typed = [
            name("kind"): Admin.text(request, name("kind")),
            name("details"): Admin.text(request, name("details")).trimmingWhitespace(),
            name("declared_on"): Admin.text(request, name("declared_on")).trimmingWhitespace(),
            name("ended_on"): Admin.text(request, name("ended_on")).trimmingWhitespace(),
            name("held_from"): Admin.text(request, name("held_from")).trimmingWhitespace(),
        ]
        var errors: [FieldError] = []
        if member.leftOn != nil {
            errors.append(FieldError(name("kind"), "\(member.name) has left \(board.name); the register is closed."))
        }
        let kind = InterestKind(rawValue: typed[name("kind")]!)
        if kind == nil {
            errors.append(FieldError(name("kind"), "Choose the kind of interest, or a nil return if there is none."))
        }
        let details = typed[name("details")]!
        if kind?.isInterest == true {
            // The register is published: "." or "tbc" describes nothing; and it is printed, so a description,
            // not a document.
            if let problem = RecordedReason.placeholderProblem(
                details,
                ask:
                    "Describe the interest: the organisation and the connection, for example \"GP partner, Chapeltown Surgery\"."
            )
                ?? TextLimit.problem(
                    details, limit: TextLimit.declarationDetails, what: "the description of the interest")
            {
                errors.append(FieldError(name("details"), problem))
            } else if let problem = request.listeningEngine.personalDataProblem(in: details, field: name("details")) {
                // The register is public: an interest is described by organisation and role, never phone numbers
                // or addresses of the people involved.
                errors.append(problem)
            }
        }
        if kind == InterestKind.none && !details.isEmpty {
            // Never drop what someone wrote: a nil return with an interest described is a contradiction to resolve.
            errors.append(
                FieldError(
                    name("details"),
                    "A nil return says there is nothing to declare: choose the kind of interest you described, or empty the box."
                ))
        }
        var declared: SimpleDate? = request.today
        if !declaredToday {
            declared = Admin.requiredDate(
                typed[name("declared_on")], field: name("declared_on"),
                missing: "Enter the date it was declared, like 2026-04-01.", into: &errors)
            if let date = declared, date > request.today {
                errors.append(FieldError(name("declared_on"), "The declaration date cannot be in the future."))
            }
            // Declaring while being appointed is normal; a date long before it is a typing slip.
            let earliest = member.appointed.adding(days: -RegisterStatus.daysToDeclareOnAppointment)
            if let date = declared, date < earliest {
                errors.append(
                    FieldError(
                        name("declared_on"),
                        "\(member.name) was appointed on \(member.appointed.ukText): a declaration dated more than \(RegisterStatus.daysToDeclareOnAppointment) days before that is probably a mistyped date."
                    ))
            }
        }
        let ended = Admin.date(typed[name("ended_on")], field: name("ended_on"), into: &errors)
        if let ended {
            if kind == InterestKind.none {
                errors.append(FieldError(name("ended_on"), "A nil return has no end date: leave it empty."))
            } else if let declared, let problem = RegisterEntry.endDateProblem(endedOn: ended, declaredOn: declared) {
                errors.append(FieldError(name("ended_on"), problem))
            }
        }
        let heldFrom = Admin.date(typed[name("held_from")], field: name("held_from"), into: &errors)
        if let heldFrom {
            if kind == InterestKind.none {
                errors.append(FieldError(name("held_from"), "A nil return has no start date: leave it empty."))
            } else if let problem = RegisterEntry.heldFromProblem(heldFrom, endedOn: ended, today: request.today) {
                errors.append(FieldError(name("held_from"), problem))
            }
        }
        if kind == InterestKind.none, let declared, errors.isEmpty {
            // A nil return beside interests that still stand would contradict the public register.
            let current = member.declarations.map(\.entry).filter { $0.isCurrentInterest(on: declared) }
            if !current.isEmpty {
                errors.append(
                    FieldError(
                        name("kind"),
                        "A nil return says there are no interests, but the register shows \(current.count == 1 ? "one that still stands" : "\(current.count) that still stand") (\(current.map(\.description).joined(separator: "; "))). Once it has ended, the board secretary records the date it ended, and a nil return can follow."
                    ))
            }
        }
        guard errors.isEmpty, let kind, let declared else { return Read(typed: typed, errors: errors, entry: nil) }
        return Read(
            typed: typed, errors: [],
            entry: RegisterEntry(
                kind: kind, description: kind.isInterest ? details : "", declaredOn: declared, endedOn: ended,
                heldFrom: heldFrom))
    }

    /// Records the declaration and its audit event; `usingLink` (the e-mailed link) is marked used in the same
    /// transaction, so a link is used exactly when its declaration is recorded, and only once.
    static func record(
        _ entry: RegisterEntry, member: BoardMember, _ request: Request, actor: AuditActor? = nil,
        usingLink link: DeclarationLink? = nil, submission: String? = nil, resultPath: String = ""
    ) async throws {
        let declaration = InterestDeclaration(
            memberID: member.id!, kind: entry.kind, details: entry.description, declaredOn: entry.declaredOn,
            endedOn: entry.endedOn, recordedByID: request.currentUser?.id, heldFrom: entry.heldFrom)
        let late = entry.daysDeclaredLate(appointedOn: member.appointed)
        try await request.db.writeTransaction { db in
            if let link {
                // Claimed with a conditional update, so two submissions of one link at the same moment record one
                // declaration: the second finds it used and rolls back.
                guard try await SecretToken.claim(DeclarationLink.schema, id: link.id!, at: Date(), on: db) else {
                    throw Abort(
                        .gone,
                        reason:
                            "This declaration link has been used or has expired. Ask the board secretary to send you a new one."
                    )
                }
            }
            try await SubmittedOnce.record(submission, resultPath: resultPath, on: db)
            try await declaration.create(on: db)
            try await AuditLog.record(
                on: db, actor: actor ?? Admin.actor(request), action: "board.interest_declared",
                objectType: "board_member",
                objectID: member.id?.uuidString,
                summary: entry.kind.isInterest
                    ? "Recorded \(member.name)'s \(entry.kind.shortTitle) interest: \(entry.description)"
                    : "Recorded \(member.name)'s nil return",
                changes: [FieldChange("declared_on", from: nil, to: entry.declaredOn.iso)]
                    + (entry.heldFrom.map { [FieldChange("held_from", from: nil, to: $0.iso)] } ?? [])
                    + (late.map { [FieldChange("declared_late_days", from: nil, to: String($0))] } ?? []))
        }
    }
}
