/// E-mail addresses and phone numbers written out to slip past filters: "jo dot bloggs at gmail dot com",
/// "jo.bloggs(at)gmail(dot)com", "oh seven seven double oh, nine double oh, nine eight two".
///
/// Everything matched here is written the way people hide contact details, so the rules ask for the whole shape
/// and a sign that it is an address or a number rather than a sentence: "I looked at bbc dot co dot uk" and "I
/// waited one two three hours" stay as written.
enum SpelledContactPatterns {
    /// Phrases the analyser's cue matcher looks for before the redactor tries these patterns on the hot path:
    /// a spelled-out dot before a top-level domain, a personal e-mail provider's name (the everyday words
    /// "live", "mail", "sky" and "proton" only after "at": one phrase with a word class, so each "at", which the
    /// matcher already looks up for "at ease", costs one more probe, not one per provider), a number spelled out
    /// from its leading zero, or "seven" and another digit word or a number (a mobile number without its zero).
    static let cuePhrases: [String] =
        topLevelDomainWords.map { "dot \($0)" }
        + providersWithoutDomain
        + ["at " + everydayProviders.joined(separator: "|")]
        + ["oh", "o", "zero", "nought"].flatMap { zero in
            ["one", "two", "three", "seven", "eight"].map { "\(zero) \($0)" }
        }
        + ["plus four four", "double oh", "double zero"]
        // A mobile number without its zero: "seven seven oh oh …", "seven double oh …", "double seven …".
        + [
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "oh", "o", "zero", "nought",
            "double", "triple", "treble",
        ].map { "seven \($0)" }
        + ["double seven"]
        // "seven 700 900 982": the tokeniser makes every number one token, bar a few it keeps ("111", "999").
        + ["seven 700|111|999|119|101"]

    // MARK: E-mail

    /// The end of an e-mail address with a spelled-out or bracketed "at" or dot, starting at `start`.
    static func email(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        // The local part: pieces joined by ".", "_", "-" or a spelled-out separator ("jo dot bloggs").
        guard let first = localPiece(bytes, at: start) else { return nil }
        var index = first.end
        var localIsPlainWord = first.plainWord
        var separated = false
        while let afterSeparator = spelledSeparator(bytes, at: index, words: localSeparatorHashes),
            let piece = localPiece(bytes, at: afterSeparator)
        {
            index = piece.end
            localIsPlainWord = false
            separated = true
        }
        if localIsPlainWord, notLocalParts.value(for: first.hash) != nil { return nil }
        // The "at": "@" with blanks around it, "(at)", "[at]", or the word.
        var at = atSign(bytes, at: index)
        // "jo bloggs at gmail dot com": the name before the mailbox goes with it, two words at most ("mary jo
        // bloggs at …"), and only when the domain is a personal provider's (checked below).
        var mailbox: Word? = nil
        if at == nil {
            guard first.plainWord, !separated, let (piece, afterPiece) = mailboxAfterName(bytes, first, start) else {
                return nil
            }
            mailbox = piece
            localIsPlainWord = piece.plainWord
            at = afterPiece
        }
        guard let at else { return nil }
        // The domain: labels joined by "." or a spelled-out dot, the last a top-level domain.
        guard let firstLabel = word(bytes, at: at.end) else { return nil }
        var labels = 1
        var end = firstLabel.end
        var lastHash = firstLabel.hash
        while true {
            if end + 1 < bytes.count, bytes[end] == UInt8(ascii: "."), ByteClass.isAlphanumeric(bytes[end + 1]),
                let label = word(bytes, at: end + 1)
            {
                end = label.end
                lastHash = label.hash
                labels += 1
            } else if let afterDot = spelledSeparator(bytes, at: end, words: dotHashes),
                let label = word(bytes, at: afterDot)
            {
                end = label.end
                lastHash = label.hash
                labels += 1
            } else {
                break
            }
        }
        let isPersonalProvider = personalProviderHashes.value(for: firstLabel.hash) != nil
        if labels == 1 {
            // "jobloggs at yahoo", "jo.bloggs at hotmail": no top-level domain, so a sign that a mailbox comes
            // before the provider.
            guard mailbox == nil, isPersonalProvider, endsAddress(bytes, at: end) else { return nil }
            // An "@" joined to both sides or a bracketed "at" is sign enough; "@" standing apart reads as "at"
            // ("thanks to Sarah @ Outlook").
            let atStart = skipBlanks(bytes, from: index)
            let joinedOrBracketed =
                at.isSymbolOrBracketed
                && (bytes[atStart] != UInt8(ascii: "@") || (atStart == index && at.end == atStart + 1))
            if providersWithoutDomainHashes.value(for: firstLabel.hash) != nil {
                guard
                    joinedOrBracketed || !localIsPlainWord
                        || isBareMailbox(bytes, first, start, providerStart: at.end, providerEnd: end)
                else { return nil }
                return end
            }
            // "live", "mail", "sky", "proton" are everyday words too ("I was at sky", "we live at"): the address
            // must end the clause, and before the "at" stand a mailbox no sentence has ("jobloggs87",
            // "jo.bloggs", "jo dot bloggs") or a plain one after a lead-in ("email me at jobloggs at live").
            guard
                joinedOrBracketed
                    || endsClause(bytes, at: end)
                        && (separated || hasMailboxShape(bytes, from: start, to: index)
                            || (first.plainWord && isLowerCase(bytes, from: start, to: first.end)
                                && !isOrdinaryWord(bytes, start, first) && followsAddressLeadIn(bytes, start)))
            else { return nil }
            return end
        }
        guard topLevelDomains.value(for: lastHash) != nil else { return nil }
        if mailbox != nil { return isPersonalProvider ? end : nil }
        // Something must say this is an address, not "I checked my results at nhs dot uk": a local part no
        // sentence has ("jo.bloggs", "jbloggs87", "jo dot bloggs"), an "@" or "(at)", or a personal mail
        // provider. A plain word before "at" and a spelled dot are not enough.
        guard at.isSymbolOrBracketed || !localIsPlainWord || isPersonalProvider else { return nil }
        return end
    }

    /// "jo bloggs at gmail dot com": after the word `name` (and at most one more, "mary jo bloggs at …"), a blank,
    /// the mailbox and the "at" (not an "@" joined to it, as in "jo bloggs@gmail.com", where the address is
    /// plainly the last word). No word before the mailbox may be one that a sentence has before "at" ("write to
    /// …", "email me …", "my friend …", "hi …", "the", "and"), so "please write to jo bloggs at gmail dot com"
    /// keeps "please write to".
    private static func mailboxAfterName(
        _ bytes: UnsafeBufferPointer<UInt8>, _ name: Word, _ start: Int
    ) -> (Word, AtSign)? {
        var next = skipBlanks(bytes, from: name.end)
        var middle: (start: Int, word: Word)? = nil
        while true {
            let previousEnd = middle?.word.end ?? name.end
            guard next > previousEnd, next < bytes.count, ByteClass.isAlphanumeric(bytes[next]) else { return nil }
            // Most words have no "at" two words on: a glance at the bytes rules them out before anything is
            // hashed.
            var wordEnd = next
            while wordEnd < bytes.count, ByteClass.isAlphanumeric(bytes[wordEnd]) || isLocalJoiner(bytes[wordEnd]) {
                wordEnd += 1
            }
            let atStart = skipBlanks(bytes, from: wordEnd)
            guard atStart < bytes.count else { return nil }
            let byte = bytes[atStart]
            let mayBeAt =
                byte | 0x20 == UInt8(ascii: "a")
                ? atStart + 1 < bytes.count && bytes[atStart + 1] | 0x20 == UInt8(ascii: "t")
                    && (atStart + 2 == bytes.count || !ByteClass.isAlphanumeric(bytes[atStart + 2]))
                : byte == UInt8(ascii: "@") || closingBracket(byte) != nil
            if mayBeAt { break }
            // "mary jo bloggs at …": one more word of plain letters may come between the name and the mailbox.
            guard middle == nil, atStart > wordEnd, let word = word(bytes, at: next), word.end == wordEnd,
                word.plainWord
            else { return nil }
            middle = (next, word)
            next = atStart
        }
        guard let mailbox = localPiece(bytes, at: next), let at = atSign(bytes, at: mailbox.end) else { return nil }
        let atAfterMailbox = skipBlanks(bytes, from: mailbox.end)
        guard atAfterMailbox > mailbox.end || bytes[atAfterMailbox] != UInt8(ascii: "@"),
            !isOrdinaryWord(bytes, start, name),
            !mailbox.plainWord || !isOrdinaryWord(bytes, next, mailbox)
        else { return nil }
        if let middle, isOrdinaryWord(bytes, middle.start, middle.word) { return nil }
        return (mailbox, at)
    }

    /// "jobloggs at yahoo" with no top-level domain: a one-word mailbox that is no ordinary word ("staff",
    /// "works", "job"), at the start of the text or a clause or after a word that leads to an address ("email",
    /// "is", "me at", "to"), so "my husband works at yahoo" and "a job at yahoo" stay. In lower case, or joined
    /// words each with a capital ("JoBloggs at Gmail"); with only its first letter a capital ("Jobloggs at
    /// yahoo"), the provider must be in lower case and end the clause, so "Sarah at Outlook was lovely" stays.
    private static func isBareMailbox(
        _ bytes: UnsafeBufferPointer<UInt8>, _ mailbox: Word, _ start: Int, providerStart: Int, providerEnd: Int
    ) -> Bool {
        guard !isOrdinaryWord(bytes, start, mailbox) else { return false }
        if !isLowerCase(bytes, from: start, to: mailbox.end) {
            guard ByteClass.isUpper(bytes[start]), mailbox.end - start >= 3 else { return false }
            // "JoBloggs": a capital after a lower-case letter, as no word of a sentence has.
            let camelCase = (start + 2..<mailbox.end).contains {
                ByteClass.isUpper(bytes[$0]) && ByteClass.isLower(bytes[$0 - 1])
            }
            guard
                camelCase
                    || (isLowerCase(bytes, from: start + 1, to: mailbox.end)
                        && isLowerCase(bytes, from: providerStart, to: providerEnd)
                        && endsClause(bytes, at: providerEnd))
            else { return false }
        }
        var end = start
        while end > 0, ByteClass.isBlank(bytes[end - 1]) { end -= 1 }
        guard end > 0, ByteClass.isAlphanumeric(bytes[end - 1]) else {
            // The start of the text, or after punctuation ("email: jobloggs at yahoo").
            return true
        }
        var wordStart = end
        while wordStart > 0, ByteClass.isAlphanumeric(bytes[wordStart - 1]) { wordStart -= 1 }
        guard let before = word(bytes, at: wordStart) else { return false }
        return addressLeadIns.value(for: before.hash) != nil
    }

    /// Whether the bytes from `start` to `end` hold no capital letter.
    private static func isLowerCase(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        (start..<end).allSatisfy { !ByteClass.isUpper(bytes[$0]) }
    }

    /// "jobloggs87", "jo.bloggs", "jo_bloggs": a local part in lower case, starting with a letter, with three
    /// letters or more (not "e.g") and a digit or a "." or "_" between letters, as no word of a sentence has.
    private static func hasMailboxShape(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Bool {
        guard ByteClass.isLower(bytes[start]) else { return false }
        var letters = 0
        var sign = false
        for index in start..<end {
            let byte = bytes[index]
            if ByteClass.isLower(byte) {
                letters += 1
            } else if ByteClass.isDigit(byte) {
                sign = true
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") {
                if ByteClass.isLower(bytes[index - 1]), index + 1 < end, ByteClass.isLower(bytes[index + 1]) {
                    sign = true
                }
            } else if byte != UInt8(ascii: "-") {
                return false
            }
        }
        return sign && letters >= 3
    }

    /// Whether a one-label address ending at `end` ends its clause: the end of the text, punctuation, or a word
    /// that closes a request ("jo.bloggs at sky thanks"), not "at sky news" or "at mail order".
    private static func endsClause(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        let next = skipBlanks(bytes, from: end)
        guard next < bytes.count else { return true }
        let byte = bytes[next]
        guard ByteClass.isAlphanumeric(byte) else {
            return byte != UInt8(ascii: "&") && byte != UInt8(ascii: "(") && byte != UInt8(ascii: "'")
        }
        guard next > end, let after = word(bytes, at: next) else { return false }
        return clauseClosers.value(for: after.hash) != nil
    }

    /// Whether the mailbox at `start` follows words that lead to an address: "email me (at)", "e-mail (me)",
    /// "contact me (on)", "write to", "my email is", "email address:".
    private static func followsAddressLeadIn(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int) -> Bool {
        guard var before = previousWord(bytes, before: start) else { return false }
        if linkingWordHashes.value(for: before.hash) != nil {
            guard let earlier = previousWord(bytes, before: before.start) else { return false }
            before = earlier
        }
        if before.hash == emailHash || before.hash == addressHash || isEMail(bytes, before) { return true }
        guard before.hash == meHash || before.hash == toHash,
            let leading = previousWord(bytes, before: before.start)
        else { return false }
        if before.hash == meHash {
            return leading.hash == emailHash || leading.hash == contactHash || leading.hash == messageHash
                || leading.hash == mailHash
        }
        return leading.hash == writeHash || leading.hash == emailHash || leading.hash == replyHash
    }

    /// "e-mail" or "e mail": the word "mail" after an "e".
    private static func isEMail(_ bytes: UnsafeBufferPointer<UInt8>, _ word: (start: Int, hash: UInt64)) -> Bool {
        guard word.hash == mailHash, word.start >= 2 else { return false }
        let joiner = bytes[word.start - 1]
        return (joiner == UInt8(ascii: "-") || ByteClass.isBlank(joiner))
            && bytes[word.start - 2] | 0x20 == UInt8(ascii: "e")
            && (word.start == 2 || !ByteClass.isAlphanumeric(bytes[word.start - 3]))
    }

    /// The word ending before `end` (after blanks, a colon or a hyphen): where it starts and its hash.
    private static func previousWord(
        _ bytes: UnsafeBufferPointer<UInt8>, before end: Int
    ) -> (start: Int, hash: UInt64)? {
        var wordEnd = end
        while wordEnd > 0, ByteClass.isBlank(bytes[wordEnd - 1]) { wordEnd -= 1 }
        if wordEnd > 0, bytes[wordEnd - 1] == UInt8(ascii: ":") || bytes[wordEnd - 1] == UInt8(ascii: "-") {
            wordEnd -= 1
            while wordEnd > 0, ByteClass.isBlank(bytes[wordEnd - 1]) { wordEnd -= 1 }
        }
        var wordStart = wordEnd
        while wordStart > 0, ByteClass.isAlphanumeric(bytes[wordStart - 1]) { wordStart -= 1 }
        guard wordStart < wordEnd, let found = word(bytes, at: wordStart) else { return nil }
        return (wordStart, found.hash)
    }

    /// A word that reads as ordinary English before "at" rather than as a name or mailbox: a pronoun, a small
    /// word, a role, a greeting, or a word ending in "ed", "ing" or "ly" (unless a surname such as "Kelly").
    private static func isOrdinaryWord(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ word: Word) -> Bool {
        let hash = word.hash
        if notLocalParts.value(for: hash) != nil || notNamesBeforeAddress.value(for: hash) != nil
            || NameCues.notNames.value(for: hash) != nil || NameCues.notSurnames.value(for: hash) != nil
            || NameCues.roles.value(for: hash) != nil || NameCues.honorifics.value(for: hash) != nil
        {
            return true
        }
        guard word.plainWord, word.end - start >= 4, NameCues.surnamesWithCommonEndings.value(for: hash) == nil
        else { return false }
        let last = ByteClass.lower(bytes[word.end - 1])
        let secondLast = ByteClass.lower(bytes[word.end - 2])
        return (secondLast == UInt8(ascii: "e") && last == UInt8(ascii: "d"))
            || (secondLast == UInt8(ascii: "l") && last == UInt8(ascii: "y"))
            || (ByteClass.lower(bytes[word.end - 3]) == UInt8(ascii: "i") && secondLast == UInt8(ascii: "n")
                && last == UInt8(ascii: "g"))
    }

    /// Whether a domain of one label ends at `end`: the end of the text, a blank or punctuation, not "-", "_", an
    /// apostrophe or a character outside ASCII that would make it part of a longer word ("yahoo's").
    private static func endsAddress(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int) -> Bool {
        guard end < bytes.count else { return true }
        let byte = bytes[end]
        return
            !(ByteClass.isAlphanumeric(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
            || byte == UInt8(ascii: "'") || byte == UInt8(ascii: "@") || byte == UInt8(ascii: "/") || byte >= 0x80)
    }

    private struct Word {
        var end: Int
        var hash: UInt64
        /// Letters only (not "jo_bloggs" or "jbloggs87").
        var plainWord: Bool
    }

    /// A run of letters and digits, with the hash of its lower-case form.
    private static func word(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Word? {
        var end = start
        var raw = StableHash.offset
        var lettersOnly = true
        while end < bytes.count, ByteClass.isAlphanumeric(bytes[end]) {
            if ByteClass.isDigit(bytes[end]) { lettersOnly = false }
            raw = (raw ^ UInt64(ByteClass.lower(bytes[end]))) &* StableHash.prime
            end += 1
        }
        guard end > start, end - start <= 64 else { return nil }
        return Word(end: end, hash: StableHash.mix(raw), plainWord: lettersOnly)
    }

    /// A piece of a local part: letters and digits with inner ".", "_", "-" or "+" ("jo.bloggs", "jo_b87").
    private static func localPiece(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Word? {
        guard var piece = word(bytes, at: start) else { return nil }
        while piece.end + 1 < bytes.count, isLocalJoiner(bytes[piece.end]),
            ByteClass.isAlphanumeric(bytes[piece.end + 1]),
            let next = word(bytes, at: piece.end + 1)
        {
            piece = Word(end: next.end, hash: piece.hash, plainWord: false)
        }
        return piece
    }

    @inline(__always) private static func isLocalJoiner(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
    }

    /// One of `words` set off by blanks ("jo dot bloggs") or in brackets with or without blanks ("jo(dot)bloggs",
    /// "jo [dot] bloggs"): where the next piece starts.
    private static func spelledSeparator(
        _ bytes: UnsafeBufferPointer<UInt8>, at start: Int, words: FlatHashMap
    ) -> Int? {
        var index = start
        while index < bytes.count, ByteClass.isBlank(bytes[index]) { index += 1 }
        guard index < bytes.count else { return nil }
        if let close = closingBracket(bytes[index]) {
            guard let inner = word(bytes, at: skipBlanks(bytes, from: index + 1)), words.value(for: inner.hash) != nil
            else { return nil }
            let after = skipBlanks(bytes, from: inner.end)
            guard after < bytes.count, bytes[after] == close else { return nil }
            return skipBlanks(bytes, from: after + 1)
        }
        // "jo . bloggs @ gmail . com": a full stop set apart by blanks is a dot too.
        if bytes[index] == UInt8(ascii: "."), index > start, words.value(for: dotHash) != nil {
            let after = skipBlanks(bytes, from: index + 1)
            return after > index + 1 ? after : nil
        }
        guard index > start, let inner = word(bytes, at: index), words.value(for: inner.hash) != nil else { return nil }
        let after = skipBlanks(bytes, from: inner.end)
        return after > inner.end ? after : nil
    }

    private struct AtSign {
        var end: Int
        /// "@" or "(at)": no sentence says either, unlike the bare word.
        var isSymbolOrBracketed: Bool
    }

    private static func atSign(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> AtSign? {
        let index = skipBlanks(bytes, from: start)
        guard index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "@") {
            // "jo.bloggs@gmail.com" was tried by the plain e-mail pattern first; here the "@" stands apart or the
            // domain is spelled out ("jobloggs@gmail dot com").
            return AtSign(end: skipBlanks(bytes, from: index + 1), isSymbolOrBracketed: true)
        }
        if let end = spelledSeparator(bytes, at: start, words: atHashes) {
            return AtSign(end: end, isSymbolOrBracketed: closingBracket(bytes[index]) != nil)
        }
        return nil
    }

    @inline(__always) private static func closingBracket(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "("): UInt8(ascii: ")")
        case UInt8(ascii: "["): UInt8(ascii: "]")
        case UInt8(ascii: "{"): UInt8(ascii: "}")
        case UInt8(ascii: "<"): UInt8(ascii: ">")
        default: nil
        }
    }

    @inline(__always) private static func skipBlanks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, ByteClass.isBlank(bytes[index]) { index += 1 }
        return index
    }

    static let topLevelDomainWords = [
        "com", "uk", "net", "org", "co", "gov", "ac", "io", "me", "info", "biz", "ie", "eu", "scot", "wales",
        "cymru", "london", "email", "online",
    ]
    /// Providers of personal e-mail: "jobloggs at gmail dot com" needs no other sign that it is an address.
    static let personalProviders = [
        "gmail", "googlemail", "hotmail", "outlook", "live", "msn", "yahoo", "ymail", "icloud", "aol", "btinternet",
        "btopenworld", "sky", "virginmedia", "talktalk", "protonmail", "proton", "gmx", "mail", "tiscali",
        "ntlworld", "blueyonder", "yandex", "zoho", "fastmail",
    ]
    /// The providers whose names are no everyday words ("live", "mail", "sky", "proton" are): an address at one
    /// needs no top-level domain ("jobloggs at yahoo").
    static let providersWithoutDomain = personalProviders.filter { !everydayProviders.contains($0) }
    static let everydayProviders = ["live", "mail", "sky", "proton"]
    private static let topLevelDomains = NameCues.hashes(topLevelDomainWords)
    private static let personalProviderHashes = NameCues.hashes(personalProviders)
    private static let providersWithoutDomainHashes = NameCues.hashes(providersWithoutDomain)
    /// Words after a one-label address that still end the request: "jo.bloggs at sky thanks", "… or ring".
    private static let clauseClosers = NameCues.hashes([
        "thanks", "thank", "please", "cheers", "or", "if", "x", "xx", "regards",
    ])
    /// Words between a lead-in and the mailbox: "email me at …", "contact me on …", "my email is …".
    private static let linkingWordHashes = NameCues.hashes(["at", "on", "is", "via"])
    private static let emailHash = StableHash.fnv1a("email")
    private static let mailHash = StableHash.fnv1a("mail")
    private static let addressHash = StableHash.fnv1a("address")
    private static let meHash = StableHash.fnv1a("me")
    private static let toHash = StableHash.fnv1a("to")
    private static let contactHash = StableHash.fnv1a("contact")
    private static let messageHash = StableHash.fnv1a("message")
    private static let writeHash = StableHash.fnv1a("write")
    private static let replyHash = StableHash.fnv1a("reply")
    private static let dotHash = StableHash.fnv1a("dot")
    private static let dotHashes = NameCues.hashes(["dot"])
    private static let atHashes = NameCues.hashes(["at"])
    private static let localSeparatorHashes = NameCues.hashes(["dot", "underscore", "dash", "hyphen"])
    /// Words that end a sentence's subject before "at" rather than name a mailbox ("email me at …").
    private static let notLocalParts = NameCues.hashes([
        "me", "us", "him", "her", "them", "you", "it", "i", "we", "they", "he", "she", "someone", "anyone", "staff",
        "email", "emailed", "mail", "write", "wrote", "contact", "looked", "look", "is", "was", "are", "were", "be",
        "here", "there", "online", "website", "site", "page", "info", "details", "address", "found", "find", "see",
    ])
    /// Words a sentence has before a name or mailbox and "at" that `notLocalParts` and the name lists lack:
    /// greetings, words that lead to an address, and the nouns of "a job at yahoo".
    private static let notNamesBeforeAddress = NameCues.hashes([
        "hi", "hello", "hey", "dear", "cheers", "via", "reply", "send", "sent", "message", "reach", "emails",
        "e", "contacts", "contacted", "try", "use", "or", "job", "jobs", "account", "accounts", "interview",
        "people", "team", "friends", "family", "office", "boss", "engineer", "everyone", "anybody", "somebody",
        "nobody", "work", "works", "worked", "working", "dot", "underscore", "dash", "hyphen", "at",
    ])
    /// Words after which a one-word mailbox may stand with no other sign ("email jobloggs at yahoo", "my
    /// address is jobloggs at yahoo", "email me at jobloggs at yahoo").
    private static let addressLeadIns = NameCues.hashes([
        "email", "emails", "emailed", "mail", "e", "is", "was", "at", "me", "to", "contact", "address", "via",
        "reply", "write", "message", "reach", "on", "or",
    ])

    // MARK: Phone

    /// The end of a UK phone number spelled out wholly or partly in words, starting at `start`: "oh seven seven
    /// double oh nine double oh nine eight two", "07700 nine double oh, nine eight two", "plus four four seven
    /// seven …", "O7700 900982", "0 7 7 0 0 9 0 0 9 8 2". It must start with its zero ("oh", "zero", "nought", "o",
    /// "0", or a letter O before numerals) or "plus four four", hold 10 or 11 digits in all (9 or 10 after the 44),
    /// and have at least two of them in words (the letter O counts as two) or eight numerals standing alone.
    static func phone(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var reader = DigitReader()
        var index = start
        var end = start
        // "plus four four": the international form.
        var international = false
        if let plus = word(bytes, at: start), plus.hash == plusHash {
            var afterPlus = skipGap(bytes, from: plus.end)
            guard afterPlus > plus.end else { return nil }
            for _ in 0..<2 {
                guard let four = word(bytes, at: afterPlus), four.hash == digitHashes[4] else { return nil }
                afterPlus = skipGap(bytes, from: four.end)
                end = four.end
            }
            international = true
            index = afterPlus
            reader.wordDigits = 2
        }
        guard let numberEnd = readNumber(bytes, from: index, into: &reader, atMost: 11) else { return nil }
        if numberEnd > index { end = numberEnd }
        // Two digits in words, or the numerals typed one by one ("0 7 7 0 0 9 0 0 1 2 3"), which the plain phone
        // pattern leaves (its first group must be three digits or more, so lists and dates are never phones).
        guard reader.wordDigits >= 2 || reader.singleNumerals >= 8 else { return nil }
        if international {
            // "plus four four (oh) seven seven …": the zero in brackets is sometimes written.
            let national = reader.firstDigit == 0 ? reader.digits - 1 : reader.digits
            guard (9...10).contains(national) else { return nil }
        } else {
            guard reader.firstDigit == 0, (10...11).contains(reader.digits) else { return nil }
        }
        return end
    }

    /// Reads the items of a number from `start` into `reader`: where its last item ends (`start` when there
    /// is none; a dangling "double" is not part of it), or nil once it has more than `atMost` digits.
    private static func readNumber(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into reader: inout DigitReader, atMost: Int
    ) -> Int? {
        var index = start
        var end = start
        while index < bytes.count, let item = reader.read(bytes, at: index) {
            if reader.pendingRepeat == 0 { end = item }
            if reader.digits > atMost { return nil }
            let next = skipGap(bytes, from: item)
            if next == item { break }
            index = next
        }
        return end
    }

    /// The end of a mobile number spelled out without its zero, starting at `start`: "seven seven zero zero nine
    /// double oh nine eight two", "seven seven oh oh 900 982", "seven 700 900 982". Ten digits starting with 7,
    /// the first in words, and at least four in words or the rest in numerals of three digits or more with a
    /// mobile's second digit (07[1-57-9]): so "seven or eight times", "seven hours", "seven 7700 900982" and a
    /// number of eleven digits ("seven seven … one") are not one, nor "seven 2 3 4 …".
    static func mobileWithoutZero(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
        var reader = DigitReader()
        guard let end = readNumber(bytes, from: start, into: &reader, atMost: 10), reader.firstDigit == 7,
            reader.digits == 10
        else { return nil }
        guard
            reader.wordDigits >= 4
                || (reader.shortestNumeralRun >= 3 && reader.secondDigit != 0 && reader.secondDigit != 6)
        else { return nil }
        return end
    }

    /// Whether the word at `start` is "seven" or "double" (as in "double seven oh oh …"), in any case: where a
    /// mobile number spelled without its zero may start.
    @inline(__always) static func mayStartMobileWithoutZero(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool
    {
        let first = bytes[start] | 0x20
        guard first == UInt8(ascii: "s") || first == UInt8(ascii: "d") else { return false }
        let word: StaticString = first == UInt8(ascii: "s") ? "seven" : "double"
        let length = word.utf8CodeUnitCount
        guard start + length < bytes.count, !ByteClass.isAlphanumeric(bytes[start + length]) else { return false }
        return word.withUTF8Buffer { letters in
            (1..<length).allSatisfy { bytes[start + $0] | 0x20 == letters[$0] }
        }
    }

    /// "oh", "o", "zero", "nought" or "plus": the first letter of a spelled-out number's first word.
    @inline(__always) static func mayStartPhone(_ first: UInt8) -> Bool {
        let lower = first | 0x20
        return lower == UInt8(ascii: "o") || lower == UInt8(ascii: "z") || lower == UInt8(ascii: "n")
            || lower == UInt8(ascii: "p")
    }

    /// Reads digits written as numerals or words, one item at a time.
    private struct DigitReader {
        var digits = 0
        var wordDigits = 0
        /// Numerals standing alone ("0 7 7 …").
        var singleNumerals = 0
        var firstDigit = -1
        var secondDigit = -1
        /// The fewest digits in a run of numerals ("700" in "seven 700 900 982"); `Int.max` when there is none.
        var shortestNumeralRun = Int.max
        /// The last single digit read, for "double" before it and "hundred" after it.
        var lastDigit = -1
        var pendingRepeat = 0

        /// Reads one item ("seven", "double", "hundred", "07700") at `start`; where it ends, or nil when the item is
        /// not part of a number.
        mutating func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Int? {
            if ByteClass.isDigit(bytes[start]) {
                // "double 0": the repeat applies to a single numeral.
                if pendingRepeat > 0 {
                    let end = start + 1
                    guard end == bytes.count || !ByteClass.isAlphanumeric(bytes[end]) else { return nil }
                    add(Int(bytes[start] &- UInt8(ascii: "0")), times: pendingRepeat, spelled: true)
                    pendingRepeat = 0
                    lastDigit = -1
                    return end
                }
                var end = start
                while end < bytes.count, ByteClass.isDigit(bytes[end]) { end += 1 }
                // "10am" or "3.5" is not a run of digits to count.
                if end < bytes.count,
                    ByteClass.isASCIILetter(bytes[end])
                        || (bytes[end] == UInt8(ascii: ".") && end + 1 < bytes.count
                            && ByteClass.isDigit(bytes[end + 1]))
                {
                    return nil
                }
                for index in start..<end { add(Int(bytes[index] &- UInt8(ascii: "0")), times: 1, spelled: false) }
                if end - start == 1 { singleNumerals += 1 }
                shortestNumeralRun = min(shortestNumeralRun, end - start)
                lastDigit = -1
                return end
            }
            guard let item = SpelledContactPatterns.word(bytes, at: start) else { return nil }
            // "O7700": a letter O for the leading zero, then numerals.
            if digits == 0, pendingRepeat == 0, bytes[start] | 0x20 == UInt8(ascii: "o"), item.end - start >= 4,
                (start + 1..<item.end).allSatisfy({ ByteClass.isDigit(bytes[$0]) })
            {
                add(0, times: 1, spelled: true)
                wordDigits += 1
                for index in start + 1..<item.end {
                    add(Int(bytes[index] &- UInt8(ascii: "0")), times: 1, spelled: false)
                }
                return item.end
            }
            if item.hash == SpelledContactPatterns.doubleHash || item.hash == SpelledContactPatterns.tripleHash
                || item.hash == SpelledContactPatterns.trebleHash
            {
                guard pendingRepeat == 0 else { return nil }
                pendingRepeat = item.hash == SpelledContactPatterns.doubleHash ? 2 : 3
                return item.end
            }
            if item.hash == SpelledContactPatterns.hundredHash {
                // "nine hundred": 900.
                guard pendingRepeat == 0, lastDigit > 0 else { return nil }
                add(0, times: 2, spelled: true)
                lastDigit = -1
                return item.end
            }
            guard let digit = SpelledContactPatterns.digitValue(item.hash) else { return nil }
            let times = max(1, pendingRepeat)
            pendingRepeat = 0
            add(digit, times: times, spelled: true)
            lastDigit = times == 1 ? digit : -1
            return item.end
        }

        private mutating func add(_ digit: Int, times: Int, spelled: Bool) {
            if firstDigit < 0 {
                firstDigit = digit
                if times > 1 { secondDigit = digit }
            } else if secondDigit < 0 {
                secondDigit = digit
            }
            digits += times
            if spelled { wordDigits += times }
        }
    }

    /// Blanks, or a comma or hyphen with blanks, between the parts of a number: where the next part starts.
    private static func skipGap(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = skipBlanks(bytes, from: start)
        if index < bytes.count, bytes[index] == UInt8(ascii: ",") || bytes[index] == UInt8(ascii: "-") {
            index = skipBlanks(bytes, from: index + 1)
        }
        return index < bytes.count && ByteClass.isAlphanumeric(bytes[index]) ? index : start
    }

    private static func digitValue(_ hash: UInt64) -> Int? {
        if hash == ohHash || hash == oHash || hash == noughtHash { return 0 }
        for (value, digitHash) in digitHashes.enumerated() where digitHash == hash { return value }
        return nil
    }

    private static let digitHashes = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        .map(StableHash.fnv1a)
    private static let ohHash = StableHash.fnv1a("oh")
    private static let oHash = StableHash.fnv1a("o")
    private static let noughtHash = StableHash.fnv1a("nought")
    private static let doubleHash = StableHash.fnv1a("double")
    private static let tripleHash = StableHash.fnv1a("triple")
    private static let trebleHash = StableHash.fnv1a("treble")
    private static let hundredHash = StableHash.fnv1a("hundred")
    private static let plusHash = StableHash.fnv1a("plus")
}
