/// Social media handles ("@jane_smith87") and links to a profile ("facebook.com/jane.smith"): either finds the
/// person as surely as their name.
extension PersonalDataPatterns {
    // MARK: Handles

    /// "@" then 2–30 letters, digits, underscores or inner full stops, at least one a letter: "@jane_smith87",
    /// "@jane.smith". Not "@ 3pm", "@3pm" or "@home": the word "at" written as "@" before a time or a
    /// common word; nor a spreadsheet function ("@SUM(A1)").
    static func socialHandle(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        guard bytes[start] == UInt8(ascii: "@") else { return nil }
        var index = start + 1
        var letters = 0
        var hash = StableHash.offset
        while index < count {
            let byte = bytes[index]
            if ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: "_") {
                if ByteClass.isASCIILetter(byte) { letters += 1 }
                hash = (hash ^ UInt64(ByteClass.lower(byte))) &* StableHash.prime
                index += 1
            } else if byte == UInt8(ascii: "."), index + 1 < count,
                ByteClass.isAlphanumeric(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "_")
            {
                hash = (hash ^ UInt64(byte)) &* StableHash.prime
                index += 1
            } else {
                break
            }
        }
        let length = index - start - 1
        // "@SUM(A1)" is a spreadsheet formula, not a handle.
        guard length >= 2, length <= 30, letters > 0,
            index >= count || (bytes[index] < 0x80 && bytes[index] != UInt8(ascii: "("))
        else { return nil }
        if ByteClass.isDigit(bytes[start + 1]), isTimeOfDay(bytes, start + 1, index) { return nil }
        guard notHandles.value(for: StableHash.mix(hash)) == nil else { return nil }
        return index
    }

    /// "3pm", "10am", "11.30pm": a time, not a handle.
    private static func isTimeOfDay(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard end - start >= 3 else { return false }
        let a = ByteClass.lower(bytes[end - 2])
        guard (a == UInt8(ascii: "a") || a == UInt8(ascii: "p")), ByteClass.lower(bytes[end - 1]) == UInt8(ascii: "m")
        else { return false }
        return (start..<(end - 2)).allSatisfy { ByteClass.isDigit(bytes[$0]) || bytes[$0] == UInt8(ascii: ".") }
    }

    /// Words people write after "@" to mean "at".
    private static let notHandles: FlatHashMap = NameCues.hashes([
        "home", "work", "night", "nights", "the", "a", "an", "all", "least", "last", "first", "once", "times",
        "my", "his", "her", "their", "our", "your", "this", "that", "it", "me", "you", "them", "us", "school",
        "college", "uni", "hospital", "gp", "gps", "surgery", "reception", "weekend", "weekends", "lunch",
        "lunchtime", "dinner", "breakfast", "midnight", "midday", "noon", "tea", "teatime", "bedtime", "end",
        "start", "times", "best", "worst", "most", "present", "moment", "which", "what", "when", "where", "one",
        "two", "three", "am", "pm", "a&e", "ae", "ward", "clinic", "desk", "door", "front", "back", "bed",
    ])

    // MARK: Profile links

    /// A link to a profile on a social platform: an optional "http://" or "https://", an optional "www." or
    /// "m.", the platform's domain, then a path ("facebook.com/jane.smith", "https://www.instagram.com/jane_s",
    /// "linkedin.com/in/jane-smith-123", "tiktok.com/@janes"). The domain on its own ("find us on
    /// facebook.com") names no one and stays, as do links to a video, post, event or organisation
    /// ("youtube.com/watch?v=…", "linkedin.com/company/…", `notProfilePaths`).
    static func profileLink(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        // Cheap test first, as this is tried at every word of a comment with a web address: the shortest
        // link ("x.com/…") runs at least five letters, digits, full stops or colons into a "/".
        var probe = start
        while probe < count,
            ByteClass.isAlphanumeric(bytes[probe]) || bytes[probe] == UInt8(ascii: ".")
                || bytes[probe] == UInt8(ascii: ":")
        {
            probe += 1
        }
        guard probe - start >= 5, probe < count, bytes[probe] == UInt8(ascii: "/") else { return nil }
        var index = start
        if let afterScheme = afterLiteral("https://", in: bytes, at: index)
            ?? afterLiteral("http://", in: bytes, at: index)
        {
            index = afterScheme
        }
        if let afterHost = afterLiteral("www.", in: bytes, at: index) ?? afterLiteral("m.", in: bytes, at: index) {
            index = afterHost
        }
        guard index < count else { return nil }
        var domainEnd: Int? = nil
        for domain in profileDomains {
            if let end = afterLiteral(domain, in: bytes, at: index),
                end >= count || !ByteClass.isAlphanumeric(bytes[end])
            {
                // "x.com" must not match "x.company".
                domainEnd = end
                break
            }
        }
        guard let pathStart = domainEnd, pathStart < count, bytes[pathStart] == UInt8(ascii: "/") else { return nil }
        index = pathStart + 1
        var segmentHash = StableHash.offset
        while index < count, isPathByte(bytes[index]), bytes[index] != UInt8(ascii: "/"),
            bytes[index] != UInt8(ascii: "?")
        {
            segmentHash = (segmentHash ^ UInt64(ByteClass.lower(bytes[index]))) &* StableHash.prime
            index += 1
        }
        // A video, event, post or organisation page names no one: "youtube.com/watch?v=…".
        guard notProfilePaths.value(for: StableHash.mix(segmentHash)) == nil else { return nil }
        while index < count, isPathByte(bytes[index]) { index += 1 }
        // Sentence punctuation after a link is not part of it.
        while index > pathStart + 1, isTrailingPunctuation(bytes[index - 1]) { index -= 1 }
        guard index - pathStart >= 3 else { return nil }
        return index
    }

    /// First path segments of links that lead to a video, post, event, search or organisation, not a person.
    private static let notProfilePaths: FlatHashMap = NameCues.hashes([
        "watch", "embed", "live", "shorts", "playlist", "results", "events", "event", "groups", "share", "sharer",
        "sharer.php", "photo", "photo.php", "photos", "hashtag", "help", "policies", "privacy", "search",
        "explore", "p", "reel", "reels", "tv", "intent", "i", "home", "t", "feed", "company", "school", "jobs",
        "posts", "pulse", "legal", "about", "login", "signup", "v", "video", "videos", "story.php", "permalink.php",
        "notifications", "messages", "settings", "tag", "music", "discover", "trending",
    ])

    private static let profileDomains: [StaticString] = [
        "facebook.com", "fb.com", "instagram.com", "twitter.com", "x.com", "tiktok.com", "linkedin.com",
        "youtube.com", "threads.net", "snapchat.com",
    ]

    /// Whether `prefix` (lower case) starts at `index`, in any case; the index after it if so.
    private static func afterLiteral(
        _ prefix: StaticString, in bytes: UnsafeBufferPointer<UInt8>, at index: Int
    )
        -> Int?
    {
        let length = prefix.utf8CodeUnitCount
        guard index + length <= bytes.count else { return nil }
        for offset in 0..<length where ByteClass.lower(bytes[index + offset]) != prefix.utf8Start[offset] {
            return nil
        }
        return index + length
    }

    @inline(__always) private static func isPathByte(_ byte: UInt8) -> Bool {
        if ByteClass.isAlphanumeric(byte) { return true }
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "@"),
            UInt8(ascii: "%"), UInt8(ascii: "?"), UInt8(ascii: "="), UInt8(ascii: "&"), UInt8(ascii: "+"),
            UInt8(ascii: "#"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    @inline(__always) private static func isTrailingPunctuation(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "?")
            || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "&")
    }
}
