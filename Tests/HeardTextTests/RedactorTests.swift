import Testing

@testable import HeardText

@Suite struct RedactorTests {
    let redactor = Redactor()

    @Test func redactsEmailAddresses() {
        let result = redactor.redact("Email me at jane.doe+nhs@example.co.uk please.")
        #expect(result.text == "Email me at [email] please.")
        #expect(result.kinds == [.email])
    }

    @Test(arguments: [
        ("Call 07700 900123 today", "Call [phone] today"),
        ("ring 0113 496 0000.", "ring [phone]."),
        ("on +44 7700 900123", "on [phone]"),
        ("on +44 (0)113 496 0000", "on [phone]"),
        ("number (0113) 4960000 ok", "number [phone] ok"),
        ("tel 01134960000", "tel [phone]"),
        // A mobile copied from a phone's contacts, without its "+".
        ("or 447700900123.", "or [phone]."),
        ("on 44 7700 900123", "on [phone]"),
    ])
    func redactsUKPhoneNumbers(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.phone])
    }

    /// "44" without a "+" is a phone number only when a mobile follows: other numbers starting 44 stay.
    @Test(arguments: ["Waited 44 minutes", "ref 4412345678", "we are 4471 strong", "ward 44 7 beds", "44770090012345"])
    func leavesOtherNumbersStartingWith44(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("I live at LS1 4AB now", "I live at [postcode] now"),
        ("postcode ls14ab.", "postcode [postcode]."),
        ("near M1 1AE", "near [postcode]"),
        ("EC1A 1BB is here", "[postcode] is here"),
    ])
    func redactsPostcodes(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.postcode])
    }

    @Test(arguments: [
        ("my NHS number is 943 476 5919.", "my NHS number is [NHS number]."),
        ("nhs no 9434765919", "nhs no [NHS number]"),
        ("ref 943-476-5919 thanks", "ref [NHS number] thanks"),
    ])
    func redactsValidNhsNumbers(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nhsNumber])
    }

    @Test func leavesInvalidNhsNumbersAlone() {
        let result = redactor.redact("number 943 476 5918 is wrong")
        #expect(result.text == "number 943 476 5918 is wrong")
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        "Waited 10 hours in A&E", "I was on ward 23 for 3 days", "Rang 111 and then 999", "On 12/03/2023 at 10:30",
        "It cost £1,250.00", "Scored 5 out of 10", "Seen in room 4B", "Took 20-30 minutes", "1 2 3 4 5 6 7 8 9 10",
        "24/7 service", "M62 was closed", "Bay 3, bed 12", "A1 road",
    ])
    func leavesOrdinaryNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("Dr Patel was great", "Dr [name] was great"),
        ("Dr. Patel was great", "Dr. [name] was great"),
        ("thanks to nurse Jane", "thanks to nurse [name]"),
        ("nurse Jane Smith helped", "nurse [name] helped"),
        ("Mrs o'Brien", "Mrs [name]"),
        ("saw dr patel today", "saw dr [name] today"),
        // A role before a title: the title keeps its full stop and the surname goes (found published with it).
        ("Mum's GP Dr. Smith-Jones was kind", "Mum's GP Dr. [name] was kind"),
        ("my GP Dr. Smith", "my GP Dr. [name]"), ("the nurse Mrs Jones", "the nurse Mrs [name]"),
        ("Dr.Patel saw me", "Dr.[name] saw me"),
        // Welsh: "thank you very much to Nurse Gwen Jones for her care", "the doctor Rhys was kind".
        ("Diolch yn fawr i Nyrs Gwen Jones am ei gofal", "Diolch yn fawr i Nyrs [name] am ei gofal"),
        ("Roedd y meddyg Rhys yn garedig", "Roedd y meddyg [name] yn garedig"),
    ])
    func redactsNamesAfterTitlesAndRoles(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    // MARK: Self-given and relatives' names, found published unredacted

    @Test(arguments: [
        (
            "My name is Sarah Jones and my son Tom Jones was treated badly",
            "My name is [name] and my son [name] was treated badly"
        ),
        ("My name is John Smith", "My name is [name]"),
        ("my name's Sarah, I was seen on Monday", "my name's [name], I was seen on Monday"),
        ("My name\u{2019}s Sarah", "My name\u{2019}s [name]"), ("her name was Jane Doe.", "her name was [name]."),
        ("I am called Sarah", "I am called [name]"), ("I'm called Priya Patel", "I'm called [name]"),
        ("Hi, this is Sarah Jones writing about my mum", "Hi, this is [name] writing about my mum"),
        ("This is Tom calling for my dad", "This is [name] calling for my dad"),
        ("Signed Sarah Jones", "Signed [name]"), ("Thank you so much from Sarah", "Thank you so much from [name]"),
        ("Thanks, from Sarah Jones xx", "Thanks, from [name] xx"), ("Please call me Sarah", "Please call me [name]"),
        ("my mum Jean was cared for", "my mum [name] was cared for"),
        ("my dad Peter Brown", "my dad [name]"), ("my daughter Amy", "my daughter [name]"),
        ("my wife Sue and my partner Alex", "my wife [name] and my partner [name]"),
        ("my grandson Jack", "my grandson [name]"), ("my husband Raj", "my husband [name]"),
        ("my neighbour Mary Smith drove me", "my neighbour [name] drove me"),
        ("my cousin Dev came too", "my cousin [name] came too"), ("my stepdad Gary", "my stepdad [name]"),
        ("I am Zelda Quibble, phone me", "I am [name], phone me"),
        ("Hello, I'm Zelda Quibble and I was seen", "Hello, I'm [name] and I was seen"),
        ("I\u{2019}m Bryony Quibble", "I\u{2019}m [name]"), ("i am Zelda Quibble", "i am [name]"),
    ])
    func redactsSelfGivenAndRelativesNames(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    /// Staff thanked or blamed by first name alone, with a surname when one follows.
    @Test(arguments: [
        ("Mandy was lovely", "[name] was lovely"), ("Lisa and Tina keep us going", "[name] and [name] keep us going"),
        ("Thank you Dave.", "Thank you [name]."),
        ("Mark X has been very supportive", "[name] has been very supportive"),
        ("I saw Sarah Jones on Friday", "I saw [name] on Friday"), ("Claire/Rebecca/Megan helped", "[name] helped"),
        ("Priya's help was great", "[name]'s help was great"),
        ("Phil, Angela and Richard", "[name], [name] and [name]"),
        ("the OT Lisa, who gave support", "the OT [name], who gave support"),
    ])
    func redactsFirstNamesOnTheirOwn(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.name])
    }

    /// Places, wards and charities named after people, words that are names only with a capital, and names
    /// that are also common words, are left alone.
    @Test(arguments: [
        "referred to James Cook hospital", "I go to Darlington, James Cook, Sedgefield", "St Ann's House group",
        "Queen Elizabeth Hospital was busy", "an X-Ray was done quickly", "Florence Nightingale ward was clean",
        "transferred to City Edward 2 late at night", "the Marie Curie nurses were amazing", "Sue Ryder hospice",
        "we live on Victoria Road", "full marks to the team", "Will you call me back?", "May was a busy month",
        "Grace and dignity were shown", "the mark on my arm", "St James's University Hospital", "SARAH WAS RUDE",
        "Alexandra Hospital, Redditch", "Princess Anne hospital",
    ])
    func leavesPlacesAndWordsNamedLikePeopleAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        "my name is on the list", "I am called back every week", "I am Polish", "My name was not called",
        "This is Great", "this is Bradford Royal Infirmary", "I was transferred from Leeds",
        "The ambulance came from Bradford.", "my mum was seen quickly", "My dad Was seen", "my name is not important",
        "the name of the ward", "my surname is Smith", "my neighbour was very helpful", "my cousin is a nurse",
        "I am British Asian", "I'm Deputy Manager", "I am Very Disappointed", "I Am Disgusted By It", "I'm Polish",
        "I am NHS Staff", "Im Not Happy", "I am. Zelda Quibble", "Miriam Quibble was kind", "I mean Zelda Quibble",
    ])
    func leavesNameLikePhrasesWithoutANameAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    // MARK: Street addresses

    @Test(arguments: [
        ("I live at 12 Acacia Avenue", "I live at [address]"),
        ("Flat 3, 21 Park Road, Leeds", "[address], Leeds"),
        ("at 12a High Street.", "at [address]."),
        ("send it to 3 St John's Close please", "send it to [address] please"),
        ("apartment 4 10 Mill Lane", "[address]"),
    ])
    func redactsStreetAddresses(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.address])
    }

    @Test(arguments: [
        "I was on ward 23 for 3 days", "waited 10 hours", "bay 4", "room 12", "Rang 111", "Flat 3 was cold",
        "waited 2 hours on the road", "10 Minutes", "in 3 days time", "I live in flat 3", "Bay 4 Close to the window",
    ])
    func leavesNumbersThatAreNotAddressesAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        "The nurse was lovely", "Dr was lovely", "the Nurse Practitioner was kind", "the doctor I saw",
        "training over MS teams", "waiting for an MR scan",
    ])
    func leavesRolesWithoutNamesAlone(_ input: String) {
        #expect(redactor.redact(input).text == input)
    }

    // MARK: Forms found published unredacted

    @Test(arguments: [
        ("ref 943.476.5919 thanks", "ref [NHS number] thanks"),
        ("number 943.476.5919.", "number [NHS number]."),
        ("ref 943-476-5919", "ref [NHS number]"),
        ("ref 943  476  5919 ok", "ref [NHS number] ok"),
        ("ref 943\t476\t5919", "ref [NHS number]"),
    ])
    func redactsNhsNumbersWithDotsHyphensAndWideSpacing(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nhsNumber])
    }

    @Test(arguments: [
        "ref 943.476.5918 thanks", "It took 3.5 hours", "running version 1.2.3 now", "943.476-5919 mixed",
        "943.4765919 half grouped", "9434.76.5919 wrong groups", "943.476.5919.5 decimal", "943.476.59190 long",
        "pi is 3.141.592.653", "192.168.1.1",
    ])
    func leavesDottedNumbersThatAreNotNhsNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("NHS no ９４３ ４７６ ５９１９ ok", "NHS no [NHS number] ok", PersonalDataKind.nhsNumber),
        ("ref ９４３４７６５９１９", "ref [NHS number]", .nhsNumber),
        ("ref ９４３．４７６．５９１９！", "ref [NHS number]！", .nhsNumber),
        ("ref ９４３－４７６－５９１９", "ref [NHS number]", .nhsNumber),
        ("call ０７７００ ９００１２３ now", "call [phone] now", .phone),
        ("call ＋４４ ７７００ ９００１２３", "call [phone]", .phone),
        ("call 07700\u{A0}900123", "call [phone]", .phone),
        ("at ＬＳ１ ４ＡＰ", "at [postcode]", .postcode),
        ("at\u{A0}LS1 4AP", "at\u{A0}[postcode]", .postcode),
        ("mail ｊａｎｅ＠ｅｘａｍｐｌｅ．ｃｏｍ", "mail [email]", .email),
        ("Très bien — ９４３ ４７６ ５９１９ merci", "Très bien — [NHS number] merci", .nhsNumber),
    ])
    func redactsFullwidthFormsWithoutLeakingThem(_ input: String, _ expected: String, _ kind: PersonalDataKind) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [kind])
        #expect(!result.text.unicodeScalars.contains { (0xFF10...0xFF19).contains($0.value) })
    }

    @Test func mapsSpansOfFoldedTextBackToTheOriginal() {
        let text = "é ９４３ ４７６ ５９１９ and Dr\u{A0}Patel"
        let result = redactor.redact(text)
        #expect(result.text == "é [NHS number] and Dr\u{A0}[name]")
        let bytes = Array(text.utf8)
        #expect(result.spans.map { String(decoding: bytes[$0.utf8Range], as: UTF8.self) } == ["９４３ ４７６ ５９１９", "Patel"])
    }

    @Test(arguments: [
        "ward ２３ for ３ days", "waited １０ hours", "rang １１１", "ref ９４３ ４７６ ５９１８", "£１,２５０ paid",
        "Très bien — merci\u{A0}beaucoup", "ＮＨＳ is great", "see you at 10\u{A0}am",
    ])
    func leavesOrdinaryFullwidthTextAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test(arguments: [
        ("I live at LS1  4AP now", "I live at [postcode] now"),
        ("I live at LS1   4AP", "I live at [postcode]"),
        ("I live at LS1\t4AP now", "I live at [postcode] now"),
        ("I live at LS1\u{A0}4AP now", "I live at [postcode] now"),
        ("I live at LS1\u{202F}4AP now", "I live at [postcode] now"),
        ("near EC1A \t 1BB.", "near [postcode]."),
    ])
    func redactsPostcodesWithWideSpacing(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.postcode])
    }

    @Test(arguments: ["Seen in room 4B  then", "A1  road", "LS1  4CK is not a postcode", "bay 12  3AB"])
    func leavesPostcodeLookalikesWithWideSpacingAlone(_ input: String) {
        #expect(redactor.redact(input).text == input)
    }

    @Test(arguments: [
        ("My NHS number is 943 476 5918", "My NHS number is [NHS number]"),
        ("nhs no 9434765918.", "nhs no [NHS number]."),
        ("NHS No. 943-476-5918", "NHS No. [NHS number]"),
        ("NHS No: 943.476.5918", "NHS No: [NHS number]"),
        ("NHS #943 476 5918", "NHS #[NHS number]"),
        ("NHS# 9434765918", "NHS# [NHS number]"),
        ("my NHS num was 943 476 5918", "my NHS num was [NHS number]"),
        ("NHS number (943 476 5918)", "NHS number ([NHS number])"),
        ("NHS number: ９４３ ４７６ ５９１８", "NHS number: [NHS number]"),
        ("nhs-number = 1234567890", "nhs-number = [NHS number]"),
    ])
    func redactsLabelledNhsNumbersEvenWithAWrongCheckDigit(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nhsNumber])
    }

    @Test(arguments: [
        "number 943 476 5918 is wrong", "My reference number is 943 476 5918", "My NHS number is 943 476 591",
        "NHS number 943 476 59180", "NHS 9434765918", "ENHS no 9434765918",
        "the NHS now 9434765918", "NHS number is 12345", "NHS: waited 10 hours", "NHS no 111", "NHS # 23 on ward 5",
    ])
    func leavesUnlabelledOrMisshapenInvalidNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    /// After an NHS label, ten digits in any grouping are an NHS number, whatever the check digit.
    @Test(arguments: [
        ("NHS number 94347 65919", "NHS number [NHS number]"),
        ("NHS number: 943 4765 919", "NHS number: [NHS number]"),
        ("nhs number: 9434 7659 19", "nhs number: [NHS number]"),
        ("my nhs no is 943476 5919", "my nhs no is [NHS number]"),
        ("NHS number: 943 476 591 9", "NHS number: [NHS number]"),
        ("NHS number 94 3476 5918", "NHS number [NHS number]"),
        ("NHS no. 9-4-3-4-7-6-5-9-1-8 thanks", "NHS no. [NHS number] thanks"),
        ("NHS #94347.65918", "NHS #[NHS number]"),
        ("NHS number is 943\t4765 918.", "NHS number is [NHS number]."),
        ("NHS number 943 476  5918", "NHS number [NHS number]"),
    ])
    func redactsLabelledNhsNumbersInAnyGrouping(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nhsNumber])
    }

    /// A labelled NHS number takes ten digits and no more: what follows is left as it was.
    @Test(arguments: [
        ("NHS number 943 476 5919 and ward 23", "NHS number [NHS number] and ward 23"),
        ("NHS number 94347 65918, waited 10 hours", "NHS number [NHS number], waited 10 hours"),
        ("NHS no 943 4765 918 on 12/03/2023 at 10:30", "NHS no [NHS number] on 12/03/2023 at 10:30"),
    ])
    func takesOnlyTenDigitsAfterAnNhsLabel(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.nhsNumber])
    }

    /// Unlabelled, only a contiguous or 3-3-4 number with a valid check digit is an NHS number; other groupings
    /// are left alone, as are numbers after an NHS label that are not ten digits.
    @Test(arguments: [
        "ref 94347 65919", "ref 943 4765 919", "9434 7659 19", "I waited 943476 5919", "943 476 591 9 people",
        "NHS number 94347 659190", "NHS number 9434 7659 1", "NHS no 1 2 3 4 5 6 7 8 9 10", "NHS no: 12.03.2023 10.30",
        "NHS number 943 476 5919.5", "NHS: 943 4765 919", "the NHS, 94347 65919", "number 94347 65919",
    ])
    func leavesOddlyGroupedUnlabelledNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    /// A mobile number written without its leading 0 is a phone number after a phone cue.
    @Test(arguments: [
        ("my mobile is 7700 900982", "my mobile is [phone]"),
        ("call me on 7700900982", "call me on [phone]"),
        ("mob: 7700 900 982", "mob: [phone]"),
        ("Mobile number: 7700-900-982 thanks", "Mobile number: [phone] thanks"),
        ("please ring me on 7700 900982.", "please ring me on [phone]."),
        ("text me 7700900982", "text me [phone]"),
        ("tel. 7700 900982", "tel. [phone]"),
        ("my phone no is 7700900982", "my phone no is [phone]"),
        ("contact number 7700 900 982", "contact number [phone]"),
        ("my number is 7700 900982", "my number is [phone]"),
        ("Telephone (7700 900982)", "Telephone ([phone])"),
        ("you can reach me on 7700\t900982", "you can reach me on [phone]"),
    ])
    func redactsCuedMobileNumbersWithoutTheirLeadingZero(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.phone])
    }

    /// Without a phone cue, or not ten digits starting with 7 grouped 4-6 or 4-3-3, nothing is touched.
    @Test(arguments: [
        "waited 7 hours", "7700 people", "we are 7700900982 strong", "ref 7700 900982", "my mobile is 770 0900 982",
        "my mobile is 77009 00982", "call me on 8700 900982", "my mobile is 7700 900 9821", "mobile 7700 people",
        "call me on 7 July", "phone 77009009", "my number is 7 in the queue", "I phoned 7 times",
        "call me on 7700 9009820", "the mobile unit saw 7700 patients",
    ])
    func leavesUncuedOrMisshapenSevenNumbersAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test func anNhsLabelWinsOverANumberCue() {
        let result = redactor.redact("NHS number is 7700900982")
        #expect(result.text == "NHS number is [NHS number]")
        #expect(result.kinds == [.nhsNumber])
    }

    @Test(arguments: [
        ("My mum (DOB 12/03/1948) was seen", "My mum (DOB [date of birth]) was seen"),
        ("dob: 1.3.48 and", "dob: [date of birth] and"),
        ("D.O.B. 12-03-1948", "D.O.B. [date of birth]"),
        ("Her date of birth is 12 March 1948.", "Her date of birth is [date of birth]."),
        ("born on the 3rd of May 1950, she", "born on the [date of birth], she"),
        ("He was born in 1948 and", "He was born in [date of birth] and"),
        ("born March 12, 1948", "born [date of birth]"),
        ("born in March 1948", "born in [date of birth]"),
        ("his birthday is 12th March", "his birthday is [date of birth]"),
        ("DATE OF BIRTH - 05/11/1962", "DATE OF BIRTH - [date of birth]"),
    ])
    func redactsDatesOfBirth(_ input: String, _ expected: String) {
        let result = redactor.redact(input)
        #expect(result.text == expected)
        #expect(result.kinds == [.dateOfBirth])
    }

    /// Dates of care, ages and birth weights are not dates of birth.
    @Test(arguments: [
        "Seen on 12/03/2026 by the nurse", "She was born 3 weeks early", "I was born in Leeds in the 1960s",
        "baby born weighing 7lb", "born at 10:30 on the ward", "his birthday is in 2 weeks", "Dobbin ward 12/03",
        "born in 1848 is not real", "The date of the birth was planned for 12", "born 32/13/1950 nonsense",
        "my baby was born in October. 2 home visits since",
    ])
    func leavesOtherDatesAlone(_ input: String) {
        let result = redactor.redact(input)
        #expect(result.text == input)
        #expect(result.kinds.isEmpty)
    }

    @Test func reportsEveryKindAndSpan() {
        let text =
            "Dr Patel, a@b.com, 07700 900123, LS1 4AB, 943 476 5919, 12 Acacia Avenue, DOB 1/2/1950, "
            + "NI AB123456C, MRN 0012345, @jane_s"
        let result = redactor.redact(text)
        #expect(
            result.text
                == "Dr [name], [email], [phone], [postcode], [NHS number], [address], DOB [date of birth], "
                + "NI [NI number], MRN [hospital number], [social media]")
        #expect(Set(result.kinds) == Set(PersonalDataKind.allCases))
        #expect(result.spans.count == 10)
        let bytes = Array(text.utf8)
        #expect(String(decoding: bytes[result.spans[0].utf8Range], as: UTF8.self) == "Patel")
    }

    @Test func keepsNonASCIITextIntact() {
        let text = "Très bien — merci ✓ café"
        #expect(redactor.redact(text).text == text)
    }
}

@Suite("A person's own contact name in their words")
struct OwnNameTests {
    @Test func replacesTheWholeNameOnceAndEachPartAlone() {
        #expect(
            OwnName.redact("Zelda Quibble", in: "I am Zelda Quibble, phone me. Zelda is tired; Quibble family.")
                == "I am [name], phone me. [name] is tired; [name] family.")
    }

    @Test func leavesWordsThatOnlyContainAPartAndLowerCaseUses() {
        #expect(
            OwnName.redact("Rose Ward", in: "The rose garden on the ward was lovely, Rosemary said.")
                == "The rose garden on the ward was lovely, Rosemary said.")
        #expect(OwnName.redact("Al Li", in: "Al Li wrote this.") == "Al Li wrote this.", "parts under 3 letters")
        #expect(OwnName.redact(nil, in: "Text") == "Text")
        #expect(OwnName.redact("Jo O'Neill-Smith", in: "Signed O'Neill-Smith.") == "Signed [name].")
    }
}
