import Testing

@testable import HeardText

/// National Insurance numbers, hospital numbers, social media handles and links, and first names written in
/// lower case after a role or lead-in.
@Suite struct IdentifierRedactionTests {
    let redactor = Redactor()

    @Test(arguments: [
        ("My NI number is AB 12 34 56 C.", "My NI number is [NI number]."),
        ("ni AB123456C", "ni [NI number]"),
        ("national insurance: jk 12 34 56 d thanks", "national insurance: [NI number] thanks"),
        ("ref AB123456 C", "ref [NI number]"),
        ("National Insurance number AB 12 34 56", "National Insurance number [NI number]"),
        ("NINO: AB123456", "NINO: [NI number]"),
        ("N.I. number is AB123456", "N.I. number is [NI number]"),
        ("NI AB-12-34-56-C.", "NI [NI number]."), ("ref AB.12.34.56.C", "ref [NI number]"),
    ])
    func redactsNationalInsuranceNumbers(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nationalInsuranceNumber])
    }

    @Test(arguments: [
        // The prefix is never issued (D, F, I, Q, U or V; O second; BG, GB, KN, NK, NT, TN, ZZ).
        "QQ 12 34 56 C", "DA123456A", "AO123456B", "GB123456A", "ZZ 12 34 56 D", "TN123456C",
        // The suffix is not A-D, a digit is missing or extra, or nothing labels a number without a suffix.
        "AB123456E", "AB12345C", "AB1234567C", "ref AB123456", "Room AB123456", "seen in bay AB 12 34 56",
        // Ordinary text with the same letters.
        "AB 12 and 34", "MS 12 34 56 times", "AB-12 34.56-C",
    ])
    func leavesOtherLettersAndNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("my hospital number is K1234567.", "my hospital number is [hospital number]."),
        ("Hospital no. RJ1 2345678 and ward 23", "Hospital no. [hospital number] and ward 23"),
        ("MRN: 0012345", "MRN: [hospital number]"),
        ("patient ID 123 4567, seen today", "patient ID [hospital number], seen today"),
        ("hosp no 01234567890 please", "hosp no [hospital number] please"),
        ("unit number A123456", "unit number [hospital number]"),
    ])
    func redactsHospitalNumbersAfterTheirLabel(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.hospitalNumber])
    }

    @Test(arguments: [
        "hospital number is on the letter", "my hospital number 1234", "waited 12345 minutes",
        "Ward K1234567", "reference K1234567", "patient number 12 was called", "MRN 123",
        "the hospital had 20000 patients", "room number 12345-67",
    ])
    func leavesUnlabelledOrShortNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("I tweeted @jane_smith87 about it", "I tweeted [social media] about it"),
        ("message @Jane.Smith.", "message [social media]."),
        ("see facebook.com/jane.smith.99 for photos", "see [social media] for photos"),
        ("https://www.instagram.com/jane_s/?hl=en, thanks", "[social media], thanks"),
        ("linkedin.com/in/jane-smith-123", "[social media]"),
        ("on tiktok.com/@janes!", "on [social media]!"),
        ("X.com/JaneSmith", "[social media]"),
        ("m.facebook.com/profile.php?id=1000123", "[social media]"),
        ("youtube.com/@janesvlog", "[social media]"), ("x.com/jane_s/status/123456", "[social media]"),
    ])
    func redactsSocialMediaHandlesAndProfileLinks(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.socialMedia])
    }

    @Test(arguments: [
        "seen @ 3pm", "came back @3pm", "seen @10.30am", "cared for @home", "happy @ the service", "@ least 2 hours",
        "find us on facebook.com", "our website example.com/jane", "x.company/jane", "24/7 care", "and/or",
        "it was 5/10", "@x", "@SUM(A1)", "watch https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "linkedin.com/company/nhs-england", "facebook.com/events/123456", "instagram.com/p/Cx1y2z",
        "x.com/i/status/123",
    ])
    func leavesAtSignsAndOtherLinksAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test func keepsAnEmailAddressWhole() {
        let result = redactor.redact("write to jane@example.com or @jane_s")
        #expect(result.text == "write to [email] or [social media]")
        #expect(result.kinds == [.email, .socialMedia])
    }

    @Test(arguments: [
        ("a nurse called jane was rude", "a nurse called [name] was rude"),
        ("my husband ian Smith was there", "my husband [name] was there"),
        ("the doctor named mandy", "the doctor named [name]"),
        ("my name is sarah", "my name is [name]"),
        ("signed karen", "signed [name]"), ("the nurse called jane-marie was rude", "the nurse called [name] was rude"),
        ("The Nurse Called Jane", "The Nurse Called [name]"),
    ])
    func redactsFirstNamesInLowerCaseAfterARole(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    @Test(arguments: [
        "the nurse called back", "they called me", "my name is on the list", "nurse was kind",
        "my husband will come", "the doctor named the drug", "my name was not called", "thanks from jane",
        "The nurse called PALS for me", "the nurse called Matron", "she called Sister over", "they called Security",
    ])
    func leavesOrdinaryLowerCaseWordsAfterARole(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    /// A name set off by commas after a role: a first name in any case, or a capitalised name that a second
    /// comma closes.
    @Test(arguments: [
        ("the receptionist, sarah, was rude", "the receptionist, [name], was rude"),
        ("the nurse, Jane, was lovely", "the nurse, [name], was lovely"),
        ("my consultant, dr patel, said", "my consultant, dr [name], said"),
        ("the nurse, Bryony, was lovely", "the nurse, [name], was lovely"),
        ("the nurse, Bryony Smith, was lovely", "the nurse, [name], was lovely"),
        ("the receptionist, sarah was rude", "the receptionist, [name] was rude"),
        ("my GP, Dr. Smith, was kind", "my GP, Dr. [name], was kind"),
        ("my husband, ian smith, was there", "my husband, [name], was there"),
        // Without the closing comma, before a verb (see RedactionMissesTests).
        ("the nurse, Bryony was lovely", "the nurse, [name] was lovely"),
    ])
    func redactsANameSetOffByCommasAfterARole(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    @Test(arguments: [
        "the receptionist, however, was rude", "the receptionist, However, was rude", "the nurse, who was kind, came",
        "the doctor, and the nurse", "the doctor, Nurse, Physio, and HCA were great", "the nurse, Paramedics, and OT",
        "the doctor, Monday, said", "she called, Leeds answered",
        "the consultant, Leeds General, was busy", "my mum, Dad, and I", "the nurse, Thank you",
        "my wife, Children, and I", "the nurse, Porter, Cleaner, all kind",
    ])
    func leavesOrdinaryWordsAfterARoleAndACommaAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    /// After a first name written in lower case, a lower-case surname goes with it unless it, or the word after
    /// it, is a common word.
    @Test(arguments: [
        ("a nurse called jane smith", "a nurse called [name]"),
        ("a nurse called jane smith was rude", "a nurse called [name] was rude"),
        ("my name is sarah jones.", "my name is [name]."),
        ("hi this is sarah jones writing", "hi this is [name] writing"),
        ("my husband ian o'brien, who", "my husband [name], who"),
        ("a nurse called jane and she", "a nurse called [name] and she"),
        ("my husband ian was", "my husband [name] was"),
        ("my husband ian works at the hospital", "my husband [name] works at the hospital"),
        ("a nurse called jane tried to help", "a nurse called [name] tried to help"),
        ("my son jack really needs help", "my son [name] really needs help"),
        ("my wife sue lovingly cared", "my wife [name] lovingly cared"),
        ("hi this is sarah writing", "hi this is [name] writing"),
        ("my daughter amy adores ballroom dancing", "my daughter [name] adores ballroom dancing"),
        ("my husband ian Smith was there", "my husband [name] was there"),
        ("a nurse called jane smith-jones, who", "a nurse called [name], who"),
        ("a nurse called jane smith2", "a nurse called [name] smith2"),
    ])
    func takesALowerCaseSurnameOnlyWhenItIsNotACommonWord(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    /// A place or service after "called" or "named" is not a person.
    @Test(arguments: [
        "the nurse called Harrogate", "I called Leeds General", "the nurse called St James's for me",
        "she called NHS 111", "we called Bradford Royal Infirmary", "the GP called Boots", "he called Social Services",
        "a ward named Wakefield", "I called 999", "they called Calderdale Royal", "the nurse called Kirklees",
    ])
    func leavesPlacesAfterCalledAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test func stillTakesAPersonAfterCalled() {
        #expect(redactor.redact("a nurse called Bryony was kind").text == "a nurse called [name] was kind")
        #expect(redactor.redact("the nurse called Jane Leeds").text == "the nurse called [name]")
    }

    @Test(arguments: [
        ("my insta is jane_smith87", "my insta is [social media]"),
        ("my instagram is jane.smith", "my instagram is [social media]"),
        ("Instagram: jane_s99, thanks", "Instagram: [social media], thanks"),
        ("find me on tiktok @janes", "find me on tiktok [social media]"),
        ("find me on tiktok jane_s99", "find me on tiktok [social media]"),
        ("my snapchat username is janesmith", "my snapchat username is [social media]"),
        ("my twitter handle is JaneS", "my twitter handle is [social media]"),
        ("my fb user name is jane.smith.", "my fb user name is [social media]."),
        ("@jane@mastodon.social", "[social media]"), ("toot me @jane@mastodon.social!", "toot me [social media]!"),
        ("jane.bsky.social", "[social media]"), ("@jane.bsky.social", "[social media]"),
        ("follow me at Jane_S.bsky.social.", "follow me at [social media]."),
    ])
    func redactsHandlesNamedByTheirPlatform(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.socialMedia])
    }

    @Test(arguments: [
        "my insta is private", "Facebook is rubbish", "my instagram is 2nd to none", "twitter is x.com",
        "my facebook is jane smith", "I saw it on facebook", "snap decision by the doctor", "my tiktok is 100k strong",
        "my insta username is private", "the threads were loose", "bsky.social is a site", "social.bsky is not",
    ])
    func leavesPlatformWordsWithoutAHandleAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    /// A Mastodon address without its leading "@" reads as an e-mail address and is redacted as one.
    @Test func keepsAMastodonAddressWithoutItsAtSignAnEmail() {
        let result = redactor.redact("write to jane@mastodon.social")
        #expect(result.text == "write to [email]")
        #expect(result.kinds == [.email])
    }

    @Test(arguments: [
        ("hospital number RVH 123 456 7", "hospital number [hospital number]"),
        ("Hospital no: RVH 1234567 and ward 23", "Hospital no: [hospital number] and ward 23"),
        ("MRN ABCD 12345678", "MRN [hospital number]"), ("hospital no is 1234567", "hospital no is [hospital number]"),
        ("MRN: RJ 1234567", "MRN: [hospital number]"), ("HOSPITAL NO IS 1234567", "HOSPITAL NO IS [hospital number]"),
        // Letters in lower case, apart or joined (four letters then the digits).
        ("MRN rvh 1234567", "MRN [hospital number]"),
        ("hospital number rvh 123 456 7", "hospital number [hospital number]"),
        ("hospital number abc1234567", "hospital number [hospital number]"),
        ("hospital number abcd1234567, ward 4", "hospital number [hospital number], ward 4"),
        ("my hospital no is rj 1234567.", "my hospital no is [hospital number]."),
    ])
    func redactsHospitalNumbersWithLettersApartAfterTheirLabel(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.hospitalNumber])
    }

    @Test(arguments: [
        "RVH 123 456 7", "seen at RVH 1234567", "hospital number is on the letter RVH 1234567",
        "hospital number ABCDE 1234567", "hospital number RVH 12 3", "hospital number RVH 1234567890123",
        // A small word between the label and the digits is not a prefix; nor is a word of five letters or more.
        "the hospital number of 12345678", "hospital number is on 12345678", "hospital number bravo 1234567",
        "waited abcd1234567 minutes", "ward abcd12345",
    ])
    func leavesLettersAndNumbersWithoutTheLabelAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test func kindsHavePlainTitlesAndPlaceholders() {
        #expect(PersonalDataKind.nationalInsuranceNumber.phrase == "National Insurance number")
        #expect(PersonalDataKind.hospitalNumber.phrase == "hospital number")
        #expect(PersonalDataKind.socialMedia.placeholder == "[social media]")
        var kinds = PersonalDataKinds()
        kinds.insert(.socialMedia)
        kinds.insert(.email)
        #expect(kinds.kinds == [.email, .socialMedia])
    }
}
