import Testing

@testable import HeardText

@Suite struct LanguageCheckTests {
    static let analyser = try! CommentAnalyser(model: TextModel.loadDefault())

    @Test(arguments: [
        "Nie chcę już żyć. Mam odłożone tabletki i wezmę je wszystkie dziś w nocy.",
        "Nie chce juz zyc, mam tabletki i wezme je wszystkie dzis w nocy",
        "Nu mai vreau să trăiesc, am strâns pastile.",
        "Asistenta a fost foarte amabilă dar am așteptat cinci ore.",
        "El médico no me escuchó y esperé cinco horas en urgencias.",
        "Lékař mě vůbec neposlouchal a čakal jsem pět hodin.",
        "Gydytojas manęs visiškai neklausė ir laukiau penkias valandas.",
        "Der Arzt hat mir nicht zugehört und ich habe fünf Stunden gewartet.",
        "Bardzo dobra opieka",
        "میں اب جینا نہیں چاہتا۔ میں آج رات ساری گولیاں کھا لوں گا۔",
        "ਡਾਕਟਰ ਨੇ ਮੇਰੀ ਗੱਲ ਨਹੀਂ ਸੁਣੀ ਅਤੇ ਮੈਨੂੰ ਬਹੁਤ ਇੰਤਜ਼ਾਰ ਕਰਨਾ ਪਿਆ",
        "الطبيب لم يستمع إلي وانتظرت خمس ساعات",
        "Доктор меня не слушал, я ждал пять часов.",
        "医生没有听我说话，我在急诊室等了五个小时。",
        "شکریہ",
    ])
    func flagsCommentsInOtherLanguages(_ comment: String) {
        #expect(Self.analyser.analyse(comment).mayNotBeEnglish)
    }

    @Test(arguments: [
        "The staff were very kind and caring, thank you",
        "Excellent",
        "Brilliant staff fantastic care",
        "docter wos vry rud an didnt lisen to me at al",
        "the reseptionist was rood and i waitd 3 ours",
        "Staff lovley and frendly kept me informd",
        "Dr Patel was amazing 10/10",
        "nhs 111 useless waited 8hrs a&e",
        "Nowt to improve, champion",
        "Many thanks All my respect for those people 💯 🙌 🙏 👏",
        "Everyone was very nice😁 it all went very well ❤️❤️",
        "Call me on 07700 900123 or jane@example.com",
        "10/10",
    ])
    func leavesEnglishAlone(_ comment: String) {
        #expect(!Self.analyser.analyse(comment).mayNotBeEnglish)
    }

    /// One or two words in another language: 50 comments in 22 languages (with and without their accents).
    static let shortComments = [
        "Muy bien", "Excelente servicio", "Gracias", "Muy amables",  // Spanish
        "Très bien", "Tres bien", "Merci beaucoup", "Parfait",  // French
        "Sehr gut", "Danke schön", "Alles gut", "Sehr freundlich",  // German
        "Bardzo dobrze", "Dziękuję bardzo", "Świetna obsługa", "Bardzo miło", "Dziekuje",  // Polish
        "Foarte bine", "Mulțumesc frumos", "Totul bine",  // Romanian
        "Muito bom", "Obrigada", "Tudo ótimo",  // Portuguese
        "Molto bene", "Ottimo servizio",  // Italian
        "Labai gerai", "Ačiū labai",  // Lithuanian
        "Çok iyi", "Teşekkürler",  // Turkish
        "Nagyon jó", "Köszönöm szépen",  // Hungarian
        "Velmi dobře", "Děkuji",  // Czech
        "Veľmi dobre",  // Slovak
        "Zeer goed",  // Dutch
        "Ļoti labi", "Paldies",  // Latvian
        "Bahut acha", "Shukriya", "Bohat shukriya",  // Urdu in Latin letters
        "Bahut changa", "Vadiya",  // Punjabi in Latin letters
        "Khub bhalo", "Dhonnobad",  // Bengali in Latin letters
        "Mahadsanid",  // Somali
        "Da iawn", "Diolch",  // Welsh
        "Asante sana",  // Swahili
        "Shumë mirë",  // Albanian
        "Shukran",  // Arabic in Latin letters
    ]

    @Test func flagsShortCommentsInOtherLanguages() {
        #expect(Self.shortComments.count >= 30)
        let missed = Self.shortComments.filter { !Self.analyser.analyse($0).mayNotBeEnglish }
        #expect(missed.isEmpty, "not flagged: \(missed)")
    }

    /// Short English, text speak and slang stay English: each has an English word, or has no word of another
    /// language and no accent ("gr8", "Brill").
    @Test(arguments: [
        "Very good", "All fine", "gr8 thx", "Excellent service", "ok", "A&E great", "GP fab", "Brill", "Fab",
        "Ta", "Spot on", "Nowt", "Champion", "gr8", "Ace", "Gut feeling", "Good", "Thank you", "Not bad",
        "Da best", "Merci nurses", "Cafe good", "Super", "No", "A1", "10/10 👍", "ok ta",
    ])
    func leavesShortEnglishAlone(_ comment: String) {
        #expect(!Self.analyser.analyse(comment).mayNotBeEnglish)
    }

    /// Words of other languages that are also English words are not in the list, so they never turn an
    /// English comment foreign.
    @Test func listsNoEnglishWord() {
        for word in ["no", "super", "bun", "tout", "toll", "vale", "genial", "mire", "dank", "heel", "ta", "ok"] {
            #expect(!OtherLanguageWords.words.contains(word), "\(word)")
        }
    }

    /// A little Welsh or a quoted word in another language does not flag an English comment.
    @Test func englishWithAForeignGreetingIsEnglish() {
        #expect(
            !Self.analyser.analyse("Diolch to the nurses on ward 9, they were so patient with my dad").mayNotBeEnglish)
        #expect(
            !Self.analyser.analyse("The interpreter said شکریہ and the doctor explained everything clearly")
                .mayNotBeEnglish)
    }

    @Test func noCommentIsNotFlagged() {
        #expect(!Self.analyser.analyse("   ").mayNotBeEnglish)
    }
}
