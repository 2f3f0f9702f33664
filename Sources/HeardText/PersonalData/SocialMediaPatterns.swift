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
        // "@jane@mastodon.social": a Mastodon (fediverse) handle goes whole, server and all.
        if index + 1 < count, bytes[index] == UInt8(ascii: "@"), let serverEnd = domainEnd(bytes, at: index + 1) {
            return serverEnd
        }
        guard notHandles.value(for: StableHash.mix(hash)) == nil else { return nil }
        return index
    }

    // MARK: Handles named by their platform

    /// A handle the words before it say is one: a platform word (`platformWords`), then optionally "handle",
    /// "username", "user name", "account" or "name", "is" or "was", and ":", "-" or "=": "my insta is
    /// jane_smith87", "Instagram: jane.smith", "find me on tiktok jane_s99". The handle must look like one: 2–30
    /// letters, digits, underscores or inner full stops, starting with a letter or underscore, with two letters
    /// or more and a digit, an underscore or an inner full stop ("my insta is private", "my instagram is 2nd
    /// to none" and "Facebook is rubbish" are left alone); after "handle", "username" or "user name" any such
    /// word that is not a common one will do ("my snapchat username is janesmith", but not "… is private"). A
    /// web address ("twitter is x.com") is not a handle, and a handle written with its "@" is found on its own.
    /// Also a Bluesky handle without its "@": "jane.bsky.social".
    /// Where the handle is: the match starts at the platform word but keeps it.
    static func cuedSocialHandle(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Range<Int>? {
        let count = bytes.count
        var end = start
        var raw = StableHash.offset
        while end < count, ByteClass.isAlphanumeric(bytes[end]) {
            raw = (raw ^ UInt64(ByteClass.lower(bytes[end]))) &* StableHash.prime
            end += 1
        }
        if end < count, bytes[end] == UInt8(ascii: ".") || bytes[end] == UInt8(ascii: "_"),
            let handleEnd = blueskyHandle(bytes, at: start)
        {
            return start..<handleEnd
        }
        guard end - start <= 9 else { return nil }
        let startHash = StableHash.mix(raw)
        var index = end
        var named = false
        if end - start >= 2, platforms.value(for: startHash) != nil {
            // "find me on insta as janesmith": "as" names the handle, after "on" and a platform.
            if let (_, asEnd, asRaw) = nextWord(bytes, after: end), StableHash.mix(asRaw) == asHash,
                followsOn(bytes, before: start)
            {
                named = true
                index = asEnd
            }
        } else if let afterLeadIn = handleLeadIn(bytes, start: start, end: end, hash: startHash) {
            // "my username is janesmith", "find me on X as janesmith": no platform word, but the words say a
            // handle follows.
            named = true
            index = afterLeadIn
        } else {
            return nil
        }
        // The words between the platform and the handle.
        while let (_, wordEnd, wordRaw) = nextWord(bytes, after: index) {
            let hash = StableHash.mix(wordRaw)
            if hash == handleHash || hash == usernameHash {
                named = true
            } else if hash == userHash, let (_, nameEnd, nameRaw) = nextWord(bytes, after: wordEnd),
                StableHash.mix(nameRaw) == nameHash
            {
                named = true
                index = nameEnd
                continue
            } else if hash != accountHash && hash != nameHash && hash != isHash && hash != wasHash {
                break
            }
            index = wordEnd
        }
        // Blanks and ":", "-" or "=" before the handle.
        var handleStart = index
        while handleStart < count,
            ByteClass.isBlank(bytes[handleStart]) || bytes[handleStart] == UInt8(ascii: ":")
                || bytes[handleStart] == UInt8(ascii: "-") || bytes[handleStart] == UInt8(ascii: "=")
        {
            handleStart += 1
        }
        guard handleStart > index, handleStart < count,
            ByteClass.isASCIILetter(bytes[handleStart]) || bytes[handleStart] == UInt8(ascii: "_")
        else { return nil }
        var handleEnd = handleStart
        var letters = 0
        var marked = false
        var hash = StableHash.offset
        while handleEnd < count {
            let byte = bytes[handleEnd]
            if ByteClass.isASCIILetter(byte) {
                letters += 1
            } else if ByteClass.isDigit(byte) || byte == UInt8(ascii: "_") {
                marked = true
            } else if byte == UInt8(ascii: "."), handleEnd + 1 < count,
                ByteClass.isAlphanumeric(bytes[handleEnd + 1]) || bytes[handleEnd + 1] == UInt8(ascii: "_")
            {
                marked = true
            } else {
                break
            }
            hash = (hash ^ UInt64(ByteClass.lower(byte))) &* StableHash.prime
            handleEnd += 1
        }
        let length = handleEnd - handleStart
        guard length >= 2, length <= 30, letters >= 2,
            handleEnd >= count || (bytes[handleEnd] < 0x80 && bytes[handleEnd] != UInt8(ascii: "@")),
            marked
                || (named && !isCommonWord(bytes, handleStart..<handleEnd, hash)
                    && notPlainHandles.value(for: StableHash.mix(hash)) == nil),
            !endsWithWebDomain(bytes, handleStart, handleEnd)
        else { return nil }
        return handleStart..<handleEnd
    }

    /// Words that say a handle follows without naming a platform: "my username", "her user name", "my
    /// handle" (a possessive first, so "the username is wrong" and "the door handle is" are not cues), and "on
    /// X as" (X, the platform once called Twitter: "find me on X as janesmith"). `start..<end` is the first
    /// word ("username", "user", "handle" or "x"); returns where the lead-in ends.
    private static func handleLeadIn(
        _ bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, hash: UInt64
    ) -> Int? {
        if end - start == 1 {
            guard bytes[start] | 0x20 == UInt8(ascii: "x"), followsOn(bytes, before: start),
                let (_, asEnd, asRaw) = nextWord(bytes, after: end), StableHash.mix(asRaw) == asHash
            else { return nil }
            return asEnd
        }
        var leadInEnd = end
        if hash == userHash {
            guard let (_, nameEnd, nameRaw) = nextWord(bytes, after: end), StableHash.mix(nameRaw) == nameHash else {
                return nil
            }
            leadInEnd = nameEnd
        } else if hash != usernameHash && hash != handleHash {
            return nil
        }
        var words = Lookback(bytes: bytes, index: start)
        words.skipBlanksAndHyphens()
        guard
            words.stepBack(over: "my") || words.stepBack(over: "his") || words.stepBack(over: "her")
                || words.stepBack(over: "their") || words.stepBack(over: "your") || words.stepBack(over: "our")
        else { return nil }
        return leadInEnd
    }

    /// Whether the word before `start` (after blanks) is "on": "find me on insta as …".
    private static func followsOn(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Bool {
        var words = Lookback(bytes: bytes, index: start)
        words.skipBlanksAndHyphens()
        return words.index < start && words.stepBack(over: "on")
    }

    /// "jane.bsky.social", "Jane_S.bsky.social": a Bluesky handle written without its "@".
    private static func blueskyHandle(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        var end = start
        while end < count,
            ByteClass.isAlphanumeric(bytes[end]) || bytes[end] == UInt8(ascii: "_") || bytes[end] == UInt8(ascii: "-")
                || bytes[end] == UInt8(ascii: ".")
        {
            end += 1
        }
        // Sentence punctuation after the handle is not part of it.
        while end > start, bytes[end - 1] == UInt8(ascii: ".") { end -= 1 }
        let suffix: StaticString = ".bsky.social"
        let length = suffix.utf8CodeUnitCount
        guard end - start > length, end >= count || bytes[end] < 0x80 && bytes[end] != UInt8(ascii: "@") else {
            return nil
        }
        for offset in 0..<length where ByteClass.lower(bytes[end - length + offset]) != suffix.utf8Start[offset] {
            return nil
        }
        return end
    }

    /// Whether the handle-like word in `start..<end` ends in ".com", ".net", ".org" or ".uk": a web address.
    private static func endsWithWebDomain(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        var dot = end - 1
        while dot > start, bytes[dot] != UInt8(ascii: ".") { dot -= 1 }
        guard dot > start else { return false }
        let tld = end - dot - 1
        guard tld == 2 || tld == 3 else { return false }
        let a = ByteClass.lower(bytes[dot + 1])
        let b = ByteClass.lower(bytes[dot + 2])
        if tld == 2 { return a == UInt8(ascii: "u") && b == UInt8(ascii: "k") }
        let c = ByteClass.lower(bytes[dot + 3])
        return (a == UInt8(ascii: "c") && b == UInt8(ascii: "o") && c == UInt8(ascii: "m"))
            || (a == UInt8(ascii: "n") && b == UInt8(ascii: "e") && c == UInt8(ascii: "t"))
            || (a == UInt8(ascii: "o") && b == UInt8(ascii: "r") && c == UInt8(ascii: "g"))
    }

    /// The letters-only word after blanks from `position`: its start, end and unmixed lower-case hash.
    private static func nextWord(_ bytes: UnsafeBufferPointer<UInt8>, after position: Int) -> (Int, Int, UInt64)? {
        var start = position
        while start < bytes.count, ByteClass.isBlank(bytes[start]) { start += 1 }
        guard start > position, start < bytes.count, ByteClass.isASCIILetter(bytes[start]) else { return nil }
        var end = start
        var hash = StableHash.offset
        while end < bytes.count, ByteClass.isASCIILetter(bytes[end]) {
            hash = (hash ^ UInt64(ByteClass.lower(bytes[end]))) &* StableHash.prime
            end += 1
        }
        // "jane_s" or "jane.s" is a handle, not a word to step over.
        if end < bytes.count,
            bytes[end] == UInt8(ascii: "_") || ByteClass.isDigit(bytes[end])
                || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count
                    && ByteClass.isAlphanumeric(bytes[end + 1]))
        {
            return nil
        }
        return (start, end, hash)
    }

    /// Platforms whose name before a word makes it a handle; the analyser's cue matcher looks for these words
    /// (and "bsky" of a Bluesky handle) before the redactor tries `cuedSocialHandle`.
    static let platformWords = [
        "insta", "instagram", "ig", "tiktok", "snapchat", "snap", "twitter", "facebook", "fb", "threads",
        "bluesky", "bsky", "mastodon", "linkedin", "youtube", "discord",
    ]
    private static let platforms: FlatHashMap = NameCues.hashes(platformWords)
    /// What the analyser's cue matcher looks for before the redactor tries `cuedSocialHandle`: a platform's
    /// name, or words that say a handle follows without one ("my username", "on X as").
    static let handleCuePhrases =
        platformWords
        + ["my", "his", "her", "their", "your", "our"].flatMap {
            ["\($0) username", "\($0) user name", "\($0) handle"]
        }
        + ["on x as"]
    /// Words that say something about a handle rather than being one ("my insta username is private").
    private static let notPlainHandles: FlatHashMap = NameCues.hashes([
        "private", "public", "hidden", "deleted", "blocked", "same", "below", "above", "unknown", "anonymous",
        "secret", "confidential", "personal", "different", "new", "old", "long", "short", "changed", "easy",
        "simple", "mine", "hers", "his", "theirs", "wrong", "correct", "right", "invalid", "incorrect", "lost",
        "forgotten", "unique", "taken", "missing", "there", "usual", "normal", "such", "per", "before", "fine",
        "weird", "silly", "rubbish", "what", "whatever", "unchanged", "gone", "none", "blank", "empty",
    ])
    private static let handleHash = StableHash.fnv1a("handle")
    private static let usernameHash = StableHash.fnv1a("username")
    private static let userHash = StableHash.fnv1a("user")
    private static let nameHash = StableHash.fnv1a("name")
    private static let accountHash = StableHash.fnv1a("account")
    private static let isHash = StableHash.fnv1a("is")
    private static let wasHash = StableHash.fnv1a("was")
    private static let asHash = StableHash.fnv1a("as")

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
        guard let pathStart = domainEnd else { return instanceProfileLink(bytes, at: index) }
        guard pathStart < count, bytes[pathStart] == UInt8(ascii: "/") else { return nil }
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

    /// A profile on a server of its own: Mastodon and the rest of the fediverse ("mastodon.social/@jane",
    /// "any.instance.org/@jane", "fosstodon.org/@jane@mastodon.social") and Bluesky
    /// ("bsky.app/profile/jane.bsky.social"). `start` is where the host begins, after any "https://" or "www.".
    static func instanceProfileLink(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        let count = bytes.count
        guard let hostEnd = self.domainEnd(bytes, at: start), hostEnd + 3 < count, bytes[hostEnd] == UInt8(ascii: "/")
        else { return nil }
        var index = hostEnd + 1
        let fediverse = bytes[index] == UInt8(ascii: "@")
        if fediverse {
            index += 1
        } else if hostEnd - start == 8, afterLiteral("bsky.app", in: bytes, at: start) != nil,
            let afterProfile = afterLiteral("profile/", in: bytes, at: index)
        {
            index = afterProfile
        } else {
            return nil
        }
        let handleStart = index
        var letters = 0
        while index < count,
            ByteClass.isAlphanumeric(bytes[index]) || bytes[index] == UInt8(ascii: "_")
                || bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: "-")
                || (!fediverse && bytes[index] == UInt8(ascii: ":"))
        {
            if ByteClass.isASCIILetter(bytes[index]) { letters += 1 }
            index += 1
        }
        // Sentence punctuation after the handle is not part of it.
        while index > handleStart, isTrailingPunctuation(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: ":") {
            index -= 1
        }
        guard index - handleStart >= 2, letters > 0 else { return nil }
        // "instance/@jane@home.server": the handle's own server goes with it.
        if fediverse, index + 1 < count, bytes[index] == UInt8(ascii: "@"),
            let serverEnd = domainEnd(bytes, at: index + 1)
        {
            return serverEnd
        }
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
