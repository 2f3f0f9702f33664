import Fluent
import Foundation
import HeardDomain
import HeardStorage
import Vapor

/// `/staff/personal-data`: answering a member of the public who asks for a copy of what Heard holds on them,
/// or for it to be erased, as the privacy notice promises. The administrator finds it by the e-mail address
/// or reference the person gives, downloads a copy to send them, or erases it with a recorded reason. Both
/// are audited, with references and counts, never the address.
enum PersonalDataController {
    static let path = "/staff/personal-data"

    struct Typed {
        var email = ""
        var reference = ""
        var reason = ""
        var confirmed = false
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let typed = Typed(
            email: request.query[String.self, at: "email"] ?? "",
            reference: request.query[String.self, at: "reference"] ?? "")
        let notice = Admin.takeFlash(request)
        guard !typed.email.isEmpty || !typed.reference.isEmpty else {
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: nil, failure: nil, context: context(request), notice: notice))
        }
        switch PersonalDataRequest.parse(email: typed.email, reference: typed.reference) {
        case .failure(let problem):
            let failure = ValidationFailure([FieldError(field(of: problem), problem.description)])
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: nil, failure: failure, context: context(request, hasErrors: true), notice: nil),
                status: .unprocessableEntity)
        case .success(let parsed):
            let held = try await PersonalDataHeld.find(parsed, on: request.db)
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: held, failure: nil, context: context(request), notice: notice))
        }
    }

    /// The copy to send the person (right of access): everything found, as JSON.
    @Sendable static func copy(_ request: Request) async throws -> Response {
        let email = request.query[String.self, at: "email"] ?? ""
        let reference = request.query[String.self, at: "reference"] ?? ""
        guard case .success(let parsed) = PersonalDataRequest.parse(email: email, reference: reference) else {
            return request.redirect(to: path)
        }
        let held = try await PersonalDataHeld.find(parsed, on: request.db)
        try await AuditLog.record(
            on: request.db, actor: Admin.actor(request), action: "personal_data.copied", objectType: "person",
            objectID: nil,
            summary: "Copy of personal data made: \(held.summary)\(listed(held.feedback.map(\.item.reference)))")
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.contentDisposition = .init(
            .attachment, filename: "heard-personal-data-\(request.today.iso).json")
        return Response(status: .ok, headers: headers, body: .init(data: try PersonalDataCopy.json(held)))
    }

    /// Erases what the rules allow (right to erasure), after a reason and a tick.
    @Sendable static func erase(_ request: Request) async throws -> Response {
        let typed = Typed(
            email: Admin.secret(request, "email"), reference: Admin.secret(request, "reference"),
            reason: Admin.text(request, "reason").trimmingWhitespace(),
            confirmed: Admin.text(request, "confirm") == "yes")
        let parsed: PersonalDataRequest
        switch PersonalDataRequest.parse(email: typed.email, reference: typed.reference) {
        case .success(let found): parsed = found
        case .failure(let problem):
            // Nothing is erased without knowing whose: say what to enter rather than showing the empty page.
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: nil,
                    failure: ValidationFailure([FieldError(field(of: problem), problem.description)]),
                    context: context(request, hasErrors: true), notice: nil),
                status: .unprocessableEntity)
        }
        var errors: [FieldError] = []
        if let problem = ErasureRules.reasonProblem(typed.reason) {
            errors.append(FieldError("reason", problem))
        } else if let problem = request.listeningEngine.personalDataProblem(
            in: typed.reason, field: "reason",
            because: "The reason is kept in the audit log after the erasure, so it must not say who the person is",
            nameHint: " Say \"the person\" instead of their name.")
        {
            // The audit log keeps the reason for good: the person's name or address in it would outlive the erasure.
            errors.append(problem)
        }
        if !typed.confirmed {
            errors.append(FieldError("confirm", "Tick the box to confirm: erased words cannot be brought back."))
        }
        let held = try await PersonalDataHeld.find(parsed, on: request.db)
        guard errors.isEmpty else {
            return .html(
                PersonalDataPage.render(
                    typed: typed, held: held, failure: ValidationFailure(errors),
                    context: context(request, hasErrors: true), notice: nil),
                status: .unprocessableEntity)
        }
        let back = ListPage.path(path, filters: [("reference", parsed.reference ?? "")], page: 1)
        guard held.hasAnythingToErase else {
            Admin.flash(request, "Nothing was erased: what was found has been erased already, or is kept.")
            return request.redirect(to: back)
        }
        let engine = request.listeningEngine
        // Before erasing: the items are erased in place.
        let erasedReferences = held.feedback.filter(\.canBeErased).map(\.item.reference)
        let counts = try await request.db.writeTransaction { db in
            let counts = try await held.erase(on: db, redact: engine.redacted)
            let keptReferences = held.feedback.filter { $0.decision != .erase }.map(\.item.reference)
            try await AuditLog.record(
                on: db, actor: Admin.actor(request), action: "personal_data.erased", objectType: "person",
                objectID: nil,
                summary:
                    "Erased at the person's request: \(counts.accounts > 0 ? "\(counts.accounts) accounts (switched off), " : "")\(counts.ideas > 0 ? "\(counts.ideas) ideas, " : "")\(counts.needsErased > 0 ? "what they need to take part from \(counts.needsErased) invitations, " : "")\(counts.feedback) feedback\(listed(erasedReferences)), \(counts.responses) consultation responses, \(counts.invitations > 0 ? "\(counts.invitations) invitations, " : "")\(counts.signups > 0 ? "\(counts.signups) event sign-ups, " : "")\(counts.emails) e-mails. Kept as the law or the record requires: \(counts.complaintsKept) complaints\(listed(keptReferences)), \(counts.responsesKept) consultation responses with a published outcome (e-mail address erased, personal details in the answers redacted), \(counts.quotesRedacted) theme quotes (their name or details redacted)\(counts.claimsKept > 0 ? ", \(counts.claimsKept) expense claims (finance records)" : "")\(counts.membershipsKept > 0 ? ", \(counts.membershipsKept) board memberships and \(counts.declarationsKept) declarations of interests (the public register)" : "")\(counts.ideasKept > 0 ? ", \(counts.ideasKept) ideas taken forward (the name for the credit removed)" : "")\(counts.staffAccountsKept > 0 ? ", \(counts.staffAccountsKept) staff accounts (closed on the Users page)" : "")\(counts.emailsKept > 0 ? ", \(counts.emailsKept) e-mails about a kept complaint" : "")",
                changes: [FieldChange("reason", from: nil, to: typed.reason)])
            return counts
        }
        var kept: [String] = []
        if counts.accountNamesKept > 0 {
            kept.append(
                "the name on \(Wording.count(counts.accountNamesKept, "account")) kept with its expense claims, which are finance records"
            )
        }
        if counts.membershipsKept > 0 {
            kept.append(
                "\(Wording.count(counts.membershipsKept, "board or panel membership")) and \(Wording.count(counts.declarationsKept, "declaration of interests", "declarations of interests")) kept, as the register of interests is a public record"
            )
        }
        if counts.ideasKept > 0 {
            kept.append(
                "\(Wording.count(counts.ideasKept, "idea")) taken forward kept, with the name for the credit removed")
        }
        if counts.staffAccountsKept > 0 {
            kept.append(
                "\(Wording.count(counts.staffAccountsKept, "staff account")) kept: close it on the Users page")
        }
        if counts.complaintsKept > 0 {
            kept.append("\(Wording.count(counts.complaintsKept, "complaint")) kept whole, as the law requires")
        }
        if counts.emailsKept > 0 {
            kept.append("\(Wording.count(counts.emailsKept, "e-mail")) about a kept complaint kept with it")
        }
        if counts.claimsKept > 0 {
            kept.append("\(Wording.count(counts.claimsKept, "expense claim")) kept, as finance records")
        }
        if counts.quotesRedacted > 0 {
            kept.append(
                "\(Wording.count(counts.quotesRedacted, "theme quote")) in those consultations kept, with their name or details removed"
            )
        }
        if counts.responsesKept > 0 {
            kept.append(
                "\(Wording.count(counts.responsesKept, "consultation response")) to a consultation whose outcome is published kept, with the e-mail address erased and names, phone numbers and addresses in the answers removed"
            )
        }
        var erasedParts: [String] = []
        if counts.accounts > 0 {
            erasedParts.append(
                Wording.count(counts.accounts, "account")
                    + (counts.accountNamesKept == 0
                        ? " (switched off, name and e-mail address erased)" : " (switched off, e-mail address erased)"))
        }
        if counts.ideas > 0 { erasedParts.append(Wording.count(counts.ideas, "idea")) }
        if counts.needsErased > 0 {
            erasedParts.append("what they need to take part, from " + Wording.count(counts.needsErased, "invitation"))
        }
        if counts.feedback > 0 {
            erasedParts.append(Wording.count(counts.feedback, "piece of feedback", "pieces of feedback"))
        }
        if counts.responses > 0 { erasedParts.append(Wording.count(counts.responses, "consultation response")) }
        if counts.invitations > 0 { erasedParts.append(Wording.count(counts.invitations, "invitation")) }
        if counts.signups > 0 { erasedParts.append(Wording.count(counts.signups, "event sign-up")) }
        if counts.emails > 0 { erasedParts.append(Wording.count(counts.emails, "e-mail")) }
        let keptText = EnglishList.and(kept)
        Admin.flash(
            request,
            (erasedParts.isEmpty ? "Nothing more was erased." : "Erased: " + EnglishList.and(erasedParts) + ".")
                + (kept.isEmpty ? "" : " " + keptText.prefix(1).uppercased() + keptText.dropFirst() + ".")
        )
        return request.redirect(to: back)
    }

    /// " (HRD-A, HRD-B)", or "" for none.
    private static func listed(_ references: [String]) -> String {
        references.isEmpty ? "" : " (" + references.joined(separator: ", ") + ")"
    }

    private static func field(of problem: PersonalDataRequest.Problem) -> String {
        switch problem {
        case .nothingToSearch, .implausibleEmail: "email"
        case .implausibleReference: "reference"
        }
    }

    private static func context(_ request: Request, hasErrors: Bool = false) -> PageContext {
        PageContext(request, title: "Requests about personal data", hasErrors: hasErrors)
    }
}

/// The copy of a person's data, as a JSON document they can read or load: what they wrote and chose, how to reach
/// them, what Heard found in it (themes, sentiment, relational labels), what happened to it, and the e-mails sent
/// to them.
enum PersonalDataCopy {
    static func json(_ held: PersonalDataHeld) throws -> Data {
        let dates = ISO8601DateFormatter()
        func date(_ value: Date?) -> String? { value.map { dates.string(from: $0) } }
        let document: [String: Any] = [
            "about":
                "What Heard holds on you: your account, the boards and panels you sit on and the interests you declared there, ideas you put forward, feedback you gave, consultation responses, invitations to activities, sign-ups to events, expense claims and e-mails sent to you.",
            "accounts": held.accounts.map { account -> [String: Any] in
                let user = account.user
                return [
                    "name": user.displayName, "email": user.email, "role": user.role.title,
                    "switched_on": user.isActive ? "yes" : "no", "created": date(user.createdAt) ?? "",
                    "last_signed_in": date(user.lastSignInAt) ?? "",
                ]
            },
            "board_memberships": held.memberships.map { entry -> [String: Any] in
                let member = entry.member
                return [
                    "board": member.board.name, "name": member.name, "role": member.role,
                    "votes": member.votes ? "yes" : "no", "lived_experience": member.livedExperience ? "yes" : "no",
                    "appointed_on": member.appointedOn, "left_on": member.leftOn ?? "", "email": member.email ?? "",
                ]
            },
            "declarations_of_interests": held.memberships.flatMap { entry in
                entry.declarations.map { declaration -> [String: Any] in
                    [
                        "board": entry.member.board.name, "kind": declaration.kind.title,
                        "details": declaration.details, "declared_on": declaration.declaredOn,
                        "held_from": declaration.heldFrom ?? "", "ended_on": declaration.endedOn ?? "",
                    ]
                }
            },
            "ideas": held.ideas.map { idea -> [String: Any] in
                [
                    "title": idea.title, "details": idea.details, "put_forward": date(idea.createdAt) ?? "",
                    "credit_name": idea.creditName, "name_shown_publicly": idea.creditPublicly ? "yes" : "no",
                    "status": idea.status.title, "response": idea.response, "responded": date(idea.respondedAt) ?? "",
                    "became": idea.initiative?.title ?? "",
                ]
            },
            "feedback": held.feedback.map { entry -> [String: Any] in
                let item = entry.item
                var row: [String: Any] = [
                    "reference": item.reference, "received": date(item.receivedAt) ?? "",
                    "service": item.service.name, "how_it_came": item.channel.rawValue, "status": item.status.title,
                    "what_you_wrote": item.story, "what_was_good": item.whatWasGood,
                    "what_could_be_better": item.couldBeBetter, "name": item.contactName ?? "",
                    "email": item.contactEmail ?? "", "phone": item.contactPhone ?? "",
                    "published_text": item.publishedText ?? "",
                    "fft_answer": item.fft?.title ?? "", "likely_to_recommend": item.legacyRecommend ?? "",
                    "agreed_to_publish": item.consentToPublish ? "yes" : "no",
                    "asked_for_a_reply": item.wantsReply ? "yes" : "no",
                    // What Heard (or staff correcting it) found in it: about them too.
                    "themes": item.themeList,
                    "sentiment": item.analysedAt == nil ? "" : SentimentText.describe(item.sentiment),
                    "relational_labels": item.relationalList.map(RelationalText.title),
                    "replies": entry.replies.map {
                        ["written": date($0.createdAt) ?? "", "reply": $0.body, "signed": $0.signature]
                    },
                ]
                if let complaint = entry.complaint {
                    let kept: [String: Any] = [
                        "received_on": complaint.receivedOn, "acknowledged_on": complaint.acknowledgedOn ?? "",
                        "complainant_type": complaint.complainantType,
                        "representative_relationship": complaint.representativeRelationship,
                        "representative_basis": complaint.representativeBasis ?? "",
                        "responded_on": complaint.respondedOn ?? "", "conclusions": complaint.conclusions,
                        // Each response or closure before it was reopened, as sent.
                        "earlier_responses": ComplaintFollowUpPages.sortedReopenings(complaint).map {
                            [
                                "responded_on": $0.previousRespondedOn ?? "", "closed_on": $0.previousClosedOn ?? "",
                                "outcome": $0.previousOutcome ?? "", "conclusions": $0.previousConclusions,
                                "what_is_put_right": $0.previousRemedialAction, "reopened_on": $0.reopenedOn,
                            ]
                        },
                    ]
                    row["complaint"] = kept
                }
                return row
            },
            "consultation_responses": held.responses.map { entry -> [String: Any] in
                let answers = entry.response.answerMap
                return [
                    "consultation": entry.consultation.title, "sent": date(entry.response.createdAt) ?? "",
                    "email": entry.response.contactEmail ?? "",
                    "on_behalf_of": entry.response.onBehalfOf ?? "",
                    "answers": entry.questions.compactMap { question -> [String: String]? in
                        guard
                            let answer = question.id.flatMap({
                                answers[$0.uuidString.lowercased()] ?? answers[$0.uuidString]
                            })
                        else { return nil }
                        return ["question": question.text, "answer": answer]
                    },
                ]
            },
            "invitations": held.invitations.map { invitation -> [String: Any] in
                [
                    "activity": invitation.activity.title, "date": invitation.activity.heldOn,
                    "invited": date(invitation.createdAt) ?? "", "name": invitation.inviteeName,
                    "email": invitation.inviteeEmail, "with_your_account": invitation.isGuest ? "no" : "yes",
                    "how_you_like_to_be_contacted": invitation.guestContact ?? "",
                    "reply": invitation.status.title, "what_you_need_to_take_part": invitation.accessNeeds,
                    "replied": date(invitation.repliedAt) ?? "",
                    "whether_you_came": ActivityAttendance.text(invitation.attended).lowercased(),
                ]
            },
            "expense_claims": held.claims.map { claim -> [String: Any] in
                [
                    "activity": claim.invitation.activity.title, "date": claim.invitation.activity.heldOn,
                    "claimed": date(claim.createdAt) ?? "",
                    "lines": claim.orderedLines.map { line -> [String: Any] in
                        [
                            "kind": line.kind.title, "amount": Pence.plain(line.pence),
                            "miles": line.tenthsOfMile.map(ExpenseLine.milesText) ?? "", "note": line.note,
                        ]
                    },
                    "wants_involvement_payment": claim.wantsPayment.map { $0 ? "yes" : "no" } ?? "",
                    "involvement_payment": claim.paymentPence.map(Pence.plain) ?? "",
                    "total": Pence.plain(claim.totalPence), "status": claim.status.title,
                    "reason_not_approved": claim.rejectionReason ?? "", "paid_on": claim.paidOn ?? "",
                ]
            },
            "event_sign_ups": held.signups.map { signup -> [String: Any] in
                [
                    "event": signup.activity.title, "date": signup.activity.heldOn,
                    "signed_up": date(signup.createdAt) ?? "", "name": signup.name, "email": signup.email ?? "",
                    "phone": signup.phone ?? "", "people": signup.people,
                    "what_you_need_to_take_part": signup.accessNeeds,
                ]
            },
            "emails": held.emails.map { notice -> [String: Any] in
                [
                    "written": date(notice.createdAt) ?? "", "to": notice.toAddress, "subject": notice.subject,
                    "text": notice.body, "status": notice.status.rawValue,
                ]
            },
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.prettyPrinted, .sortedKeys])
    }
}
