import Vapor

extension Request {
    /// A key for one filling-in of a public form, sent back with it so that a double tap or a resend after a
    /// slow connection is stored once. Each page view gets its own; a page built for the public cache holds a
    /// placeholder that the cache replaces with a new key for every visitor.
    var newSubmissionKey: String {
        isRenderingForPublicCache ? PublicPageCache.submissionKeyPlaceholder : Self.randomSubmissionKey()
    }

    static func randomSubmissionKey() -> String { [UInt8].random(count: 16).base64URLEncoded }
}
