import Crypto
import Foundation
import HeardDomain

/// A key for each imported row, made from what the row says, so importing rows that are already stored (a file
/// corrected after some rows were refused, an extract that overlaps the last one) skips them instead of storing
/// them twice. It goes in the feedback's unique `submission_key`.
///
/// Identical rows are common in real exports (two people wrote "Excellent" about the same service on the same
/// day), so each is told apart by its place among its twins: the first "Excellent" of that day has one key, the
/// second another. Importing the same rows again gives the same keys; a new twin gets a new one.
struct ImportRowKeys {
    /// Empty for the usual import; the batch's id when a file is imported again on purpose (every row is new).
    let salt: String
    /// How many rows with each content have been keyed so far, by the first 8 bytes of their digest: about 12
    /// bytes a distinct row, so a million-row file costs some megabytes, not its size.
    private var seen: [UInt64: UInt32] = [:]

    init(salt: String = "") { self.salt = salt }

    mutating func key(
        _ row: FeedbackSubmission.Valid, date: (year: Int, month: Int, day: Int)?, serviceID: UUID
    ) -> String {
        var hasher = SHA256()
        let day = date.map { "\($0.year)-\($0.month)-\($0.day)" } ?? "-"
        // Fields joined with a separator no text can hold, so "a" + "bc" never collides with "ab" + "c".
        for field in [
            salt, serviceID.uuidString, day, row.fftRating.map { String($0.rawValue) } ?? "-", row.story,
            row.whatWasGood, row.couldBeBetter,
        ] {
            hasher.update(data: Data(field.utf8))
            hasher.update(data: Data([0]))
        }
        let digest = Array(hasher.finalize())
        let prefix = digest.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let occurrence = seen[prefix, default: 0] + 1
        seen[prefix] = occurrence
        return "import:" + digest.prefix(16).map { String(format: "%02x", $0) }.joined() + "#" + String(occurrence)
    }

    /// The key of a row whose export gave it a response ID: the ID names the response, whatever it says, so
    /// the same ID imported again is skipped and two identical answers with their own IDs are both kept.
    func key(responseID: String) -> String {
        var hasher = SHA256()
        for field in [salt, responseID] {
            hasher.update(data: Data(field.utf8))
            hasher.update(data: Data([0]))
        }
        return "import-id:" + hasher.finalize().prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}
