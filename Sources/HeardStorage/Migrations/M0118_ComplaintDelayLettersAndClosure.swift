import Fluent
import Foundation

/// Every delay letter kept (a second one no longer overwrites the first) with the new response date it gave,
/// and complaints closed without a response (withdrawn, not taken on, opened in error) with the reason.
struct M0118_ComplaintDelayLettersAndClosure: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(ComplaintDelayLetter.schema)
            .id()
            .field("complaint_id", .uuid, .required, .references(Complaint.schema, "id"))
            .field("sent_on", .string, .required)
            .field("reason", .string, .required)
            .field("response_expected_by", .string)
            .field("recorded_by_id", .uuid)
            .field("created_at", .datetime)
            .create()
        // One column per ALTER: SQLite adds columns one at a time.
        for column in ["response_expected_by", "closed_on", "closed_reason"] {
            try await database.schema(Complaint.schema).field(FieldKey(stringLiteral: column), .string).update()
        }
        // The one letter each complaint could hold until now becomes the first of its history. Only the columns
        // that exist at this point are read: the model has gained more since (M0129's late_still_fair).
        let explained = try await Complaint.query(on: database).filter(\.$delayExplainedOn != nil)
            .field(\.$id).field(\.$delayExplainedOn).field(\.$delayReason).all()
        for complaint in explained {
            try await ComplaintDelayLetter(
                complaintID: complaint.id!, sentOn: complaint.delayExplainedOn!, reason: complaint.delayReason,
                responseExpectedBy: nil, recordedByID: nil
            ).create(on: database)
        }
    }

    func revert(on database: any Database) async throws {
        for column in ["response_expected_by", "closed_on", "closed_reason"] {
            try await database.schema(Complaint.schema).deleteField(FieldKey(stringLiteral: column)).update()
        }
        try await database.schema(ComplaintDelayLetter.schema).delete()
    }
}
