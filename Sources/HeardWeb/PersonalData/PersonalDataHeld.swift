import Fluent
import FluentSQL
import Foundation
import HeardDomain
import HeardStorage
import HeardText
import SQLKit

/// Everything Heard holds that was given by, or sent to, the person a request is about: their feedback (with
/// its replies and any complaint), their consultation responses, invitations to activities they had without an
/// account, and the e-mails sent to them.
///
/// E-mail addresses are matched without regard to case, by a scan: requests are rare and an index on every
/// contact column would cost every insert. Feedback and answers that carry the address in their words (given
/// there rather than as the contact address) are found too, marked so staff check they are the person's.
/// Equality monitoring answers are never linked to a person, so there is nothing of theirs to find there.
struct PersonalDataHeld {
    struct Feedback {
        var item: FeedbackItem
        var replies: [FeedbackReply]
        var complaint: Complaint?
        /// Found by the address written in its words, not given as the contact address.
        var foundInText = false
        var decision: ErasureRules.Decision { ErasureRules.feedback(becameComplaint: complaint != nil) }
        /// Erased by an earlier request (found again by its reference).
        var isErased: Bool { item.story == ErasureRules.erasedText }
        var canBeErased: Bool { decision == .erase && !isErased }
    }

    /// The address an erased e-mail keeps in place of the person's.
    static let erasedAddress = "[erased]"

    struct Response {
        var response: SurveyResponse
        var consultation: Consultation
        var questions: [SurveyQuestion]
        var foundInText = false
        var decision: ErasureRules.Decision {
            ErasureRules.consultationResponse(outcomePublished: consultation.analysisPublishedAt != nil)
        }
    }

    var request: PersonalDataRequest
    var feedback: [Feedback]
    var responses: [Response]
    /// Invitations to activities as a guest without an account (with their activity): a name, the address, how
    /// they like to be contacted, the reply and what they need to take part.
    var invitations: [Invitation] = []
    /// Sign-ups to events from the public page (with their activity) not yet cleared after the event.
    var signups: [ActivitySignup] = []
    /// Expense claims made with an account at this address (with their lines and activity). They are finance
    /// records, so they are in the copy but kept on erasure, as the account's invitations are.
    var claims: [ExpenseClaim] = []
    var emails: [Notice]

    var isEmpty: Bool {
        feedback.isEmpty && responses.isEmpty && invitations.isEmpty && signups.isEmpty && claims.isEmpty
            && emails.isEmpty
    }

    /// Whether an erasure would change anything: not when all that was found was erased before, or is kept.
    var hasAnythingToErase: Bool {
        feedback.contains(where: \.canBeErased) || !responses.isEmpty || !invitations.isEmpty || !signups.isEmpty
            || emails.contains { $0.toAddress != Self.erasedAddress }
    }

    /// "2 pieces of feedback, 1 consultation response, 1 invitation and 3 e-mails"
    var summary: String {
        let parts = [
            feedback.isEmpty ? nil : Wording.count(feedback.count, "piece of feedback", "pieces of feedback"),
            responses.isEmpty ? nil : Wording.count(responses.count, "consultation response"),
            invitations.isEmpty ? nil : Wording.count(invitations.count, "invitation"),
            signups.isEmpty ? nil : Wording.count(signups.count, "event sign-up"),
            claims.isEmpty ? nil : Wording.count(claims.count, "expense claim"),
            emails.isEmpty ? nil : Wording.count(emails.count, "e-mail"),
        ].compactMap { $0 }
        return parts.isEmpty ? "nothing" : EnglishList.and(parts)
    }

    static func find(_ request: PersonalDataRequest, on db: any Database) async throws -> PersonalDataHeld {
        var items: [FeedbackItem] = []
        var inText: Set<UUID> = []
        if let email = request.email {
            items += try await FeedbackItem.query(on: db).filter(lowered("contact_email", FeedbackItem.schema, email))
                .with(\.$service).sort(\.$receivedAt).all()
            let known = Set(items.compactMap(\.id))
            let written = try await rowIDs(
                in: FeedbackItem.schema, columns: ["story", "what_was_good", "could_be_better"], containing: email,
                on: db
            ).filter { !known.contains($0) }
            if !written.isEmpty {
                items += try await FeedbackItem.query(on: db).filter(\.$id ~~ written).with(\.$service)
                    .sort(\.$receivedAt).all()
                inText = Set(written)
            }
        }
        if let reference = request.reference, !items.contains(where: { $0.reference == reference }) {
            items += try await FeedbackItem.query(on: db).filter(\.$reference == reference).with(\.$service).all()
        }
        let ids = items.compactMap(\.id)
        let replies = ids.isEmpty ? [] : try await FeedbackReply.query(on: db).filter(\.$feedback.$id ~~ ids).all()
        let complaints =
            ids.isEmpty
            ? [] : try await Complaint.query(on: db).filter(\.$feedback.$id ~~ ids).with(\.$reopenings).all()
        let feedback = items.map { item in
            Feedback(
                item: item,
                replies: replies.filter { $0.$feedback.id == item.id }.sorted {
                    $0.createdAt ?? .distantPast < $1.createdAt ?? .distantPast
                },
                complaint: complaints.first { $0.$feedback.id == item.id },
                foundInText: inText.contains(item.id!))
        }

        var responses: [Response] = []
        if let email = request.email {
            var found = try await SurveyResponse.query(on: db)
                .filter(lowered("contact_email", SurveyResponse.schema, email)).with(\.$consultation).all()
            let known = Set(found.compactMap(\.id))
            let written = try await rowIDs(in: SurveyResponse.schema, columns: ["answers"], containing: email, on: db)
                .filter { !known.contains($0) }
            if !written.isEmpty {
                found += try await SurveyResponse.query(on: db).filter(\.$id ~~ written).with(\.$consultation).all()
            }
            let consultationIDs = Set(found.map { $0.$consultation.id })
            let questions =
                consultationIDs.isEmpty
                ? [] : try await SurveyQuestion.query(on: db).filter(\.$consultation.$id ~~ consultationIDs).all()
            responses = found.map { response in
                Response(
                    response: response, consultation: response.consultation,
                    questions: questions.filter { $0.$consultation.id == response.$consultation.id }
                        .sorted { $0.position < $1.position },
                    foundInText: written.contains(response.id!))
            }
        }

        var invitations: [Invitation] = []
        if let email = request.email {
            invitations = try await Invitation.query(on: db)
                .filter(lowered("guest_email", Invitation.schema, email)).with(\.$activity).sort(\.$createdAt).all()
        }

        var signups: [ActivitySignup] = []
        if let email = request.email {
            signups = try await ActivitySignup.query(on: db).filter(lowered("email", ActivitySignup.schema, email))
                .filter(\.$anonymisedAt == nil).with(\.$activity).sort(\.$createdAt).all()
        }

        var claims: [ExpenseClaim] = []
        if let email = request.email {
            let accounts = try await User.query(on: db).filter(lowered("email", User.schema, email)).all()
            if !accounts.isEmpty {
                claims = try await ExpenseClaim.query(on: db).filter(\.$user.$id ~~ accounts.compactMap(\.id))
                    .with(\.$lines).with(\.$invitation) { $0.with(\.$activity) }.sort(\.$createdAt).all()
            }
        }

        var emails: [Notice] = []
        if let email = request.email {
            emails = try await Notice.query(on: db).filter(lowered("to_address", Notice.schema, email))
                .sort(\.$createdAt).all()
        }
        // E-mails to them about their feedback (a reply, "we did") even when only the reference was given. Only
        // those sent to the address they gave: the alerts staff were sent about it are staff's mail, not theirs
        // (and carry only the reference), so they are neither in the copy nor erased with it.
        if !ids.isEmpty {
            let known = Set(emails.compactMap(\.id))
            let theirs = Set(feedback.compactMap { $0.item.contactEmail.map(EmailAddress.normalised) })
            emails += try await Notice.query(on: db).filter(\.$feedbackID ~~ ids).sort(\.$createdAt).all()
                .filter {
                    !known.contains($0.id!)
                        && ($0.toAddress == Self.erasedAddress
                            || theirs.contains(EmailAddress.normalised($0.toAddress)))
                }
        }
        return PersonalDataHeld(
            request: request, feedback: feedback, responses: responses, invitations: invitations, signups: signups,
            claims: claims, emails: emails)
    }

    /// What an erasure did: erased, and kept because the law or the record needs it.
    struct Erasure {
        var feedback = 0
        var responses = 0
        /// Responses to consultations whose outcome is published: e-mail address erased, the answers kept with
        /// the personal details in them redacted.
        var responsesKept = 0
        var invitations = 0
        var signups = 0
        var emails = 0
        /// Feedback that became a complaint, kept whole.
        var complaintsKept = 0
        /// Staff-written theme quotes in those consultations that held the person's name or details.
        var quotesRedacted = 0
        /// Expense claims, kept as finance records.
        var claimsKept = 0
    }

    /// Erases what the rules allow, on the caller's transaction (which audits the reason). `redact` removes
    /// personal details from answers that must be kept.
    func erase(
        on db: any Database, now: Date = Date(), redact redactDetails: (String) -> String
    ) async throws -> Erasure {
        // Names the patterns cannot find ("for Zelda Quibble") are found by the name the address holds.
        let name = request.nameInAddress
        func redact(_ text: String) -> String { OwnName.redact(name, in: redactDetails(text)) }
        let erased = ErasureRules.erasedText
        var counts = Erasure()
        counts.complaintsKept = feedback.filter { $0.decision != .erase }.count
        counts.claimsKept = claims.count
        for entry in feedback where entry.canBeErased {
            let item = entry.item
            item.story = erased
            item.whatWasGood = ""
            item.couldBeBetter = ""
            item.redactedText = erased
            item.contactName = nil
            item.contactEmail = nil
            item.contactPhone = nil
            item.wantsReply = false
            item.needsAnswer = false
            item.submitterHash = nil
            if item.status == .published {
                item.status = .withdrawn
                item.withdrawnAt = now
                item.withdrawalReason = "Erased at the person's request."
            }
            item.publishedText = nil
            try await item.update(on: db)
            counts.feedback += 1
        }
        for entry in responses {
            let response = entry.response
            response.contactEmail = nil
            if entry.decision == .erase {
                response.answers = "{}"
                response.redactedText = erased
                // Before the outcome is out nothing is published: who it spoke for goes with the words.
                response.respondingAs = OnBehalfOf.individual
                response.onBehalfOf = nil
                counts.responses += 1
            } else {
                // Part of the published record of the decision: the words stay, but not the name, phone number
                // or address someone wrote into them.
                response.answers = SurveyResponse.encode(response.answerMap.mapValues(redact))
                response.redactedText = redact(response.redactedText)
                counts.responsesKept += 1
            }
            try await response.update(on: db)
        }
        // Quotes staff chose for a theme may be the person's words, published with the outcome.
        let consultationIDs = Set(responses.map { $0.response.$consultation.id })
        if !consultationIDs.isEmpty {
            for theme in try await ConsultationTheme.query(on: db).filter(\.$consultation.$id ~~ consultationIDs).all()
            {
                let quote = redact(theme.quote)
                guard quote != theme.quote else { continue }
                theme.quote = quote
                try await theme.update(on: db)
                counts.quotesRedacted += 1
            }
        }
        // An invitation as a guest is only contact details and a reply: it goes whole. What it says about
        // the activity (how many came) is kept on the activity.
        for invitation in invitations {
            try await invitation.delete(on: db)
            counts.invitations += 1
        }
        // A sign-up to an event is cleared as it would be after the event: the number of people stays counted.
        for signup in signups {
            signup.anonymise(at: now)
            try await signup.update(on: db)
            counts.signups += 1
        }
        let kept = Set(feedback.filter { $0.decision != .erase }.compactMap(\.item.id))
        for notice in emails
        where notice.toAddress != Self.erasedAddress && notice.feedbackID.map({ !kept.contains($0) }) ?? true {
            if notice.status == .queued || notice.status == .sending {
                // Not sent yet: an e-mail to someone who asked to be forgotten is not sent at all.
                try await notice.delete(on: db)
            } else {
                notice.toAddress = Self.erasedAddress
                notice.body = erased
                try await notice.update(on: db)
            }
            counts.emails += 1
        }
        return counts
    }

    /// `LOWER(column) = value` (value already lower case), the same on SQLite and PostgreSQL.
    /// Ids of the rows of `table` where any of `columns` contains `text`, without regard to case (a scan, as
    /// for the contact columns).
    private static func rowIDs(
        in table: String, columns: [String], containing text: String, on db: any Database
    ) async throws -> [UUID] {
        // `%`, `_` and the escape itself are literal in the address, not wildcards.
        let escaped = text.lowercased().replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
        let pattern = "%" + escaped + "%"
        var condition = SQLQueryString("")
        for (index, column) in columns.enumerated() {
            if index > 0 { condition = condition + " OR " }
            condition = condition + "LOWER(\(ident: column)) LIKE \(bind: pattern) ESCAPE '\\'"
        }
        let sql = db as! any SQLDatabase
        return try await sql.raw("SELECT id FROM \(ident: table) WHERE " + condition).all()
            .map { try $0.decode(column: "id", as: UUID.self) }
    }

    private static func lowered(_ column: String, _ table: String, _ value: String) -> DatabaseQuery.Filter {
        .sql(
            SQLBinaryExpression(
                left: SQLFunction("LOWER", args: SQLColumn(column, table: table)), op: SQLBinaryOperator.equal,
                right: SQLBind(value)))
    }
}
