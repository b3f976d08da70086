//! Behaviour of `warta_analysis::langid` on the cases the indexer relies on.

use warta_analysis::langid::{detect, detect_word, Lang};

#[test]
fn codes_round_trip() {
    for l in [Lang::Id, Lang::En, Lang::Other] {
        assert_eq!(Lang::from_code(l.code()), Some(l));
    }
    assert_eq!(Lang::from_code("IND"), Some(Lang::Id));
    assert_eq!(Lang::from_code("eng"), Some(Lang::En));
    assert_eq!(Lang::from_code(" En "), Some(Lang::En));
    assert_eq!(Lang::from_code("fr"), None);
}

#[test]
fn short_indonesian_titles() {
    for t in [
        "Wow, Ternyata Selama Ini ISIS Pakai Aplikasi Telegram untuk Berkomunikasi",
        "Alasan Tentara ISIS Chatting Pakai Aplikasi Telegram daripada WhatsApp",
        "Harga Emas Antam Naik Lagi Hari Ini",
        "Jokowi Resmikan Jalan Tol Baru di Sumatera",
        "Banjir Rendam Ribuan Rumah Warga",
        "ISIS pakai aplikasi Telegram untuk berkomunikasi",
    ] {
        assert_eq!(detect(t), Lang::Id, "{t}");
    }
}

#[test]
fn short_english_titles() {
    for t in [
        "What is Telegram? The app ISIS is using to communicate",
        "What is going on with Telegram?",
        "Crackdown on criminals operating through the app arrives",
        "Oil prices rise as OPEC cuts output",
        "Apple Unveils New iPhone Models",
        "BANK OF JAPAN SAYS IT WILL INTERVENE",
    ] {
        assert_eq!(detect(t), Lang::En, "{t}");
    }
}

#[test]
fn english_quoting_indonesian_names_is_english() {
    let t = "President Joko Widodo visited Kampung Melayu in Jakarta Timur on Monday, \
             said Bapak Susilo Bambang Yudhoyono's spokesman.";
    assert_eq!(detect(t), Lang::En);
    assert_eq!(
        detect("The Ministry of Komunikasi dan Informatika blocked the app"),
        Lang::En
    );
}

#[test]
fn empty_symbols_and_non_latin_are_other() {
    assert_eq!(detect(""), Lang::Other);
    assert_eq!(detect("   \n "), Lang::Other);
    assert_eq!(detect("12345 !!! ---"), Lang::Other);
    assert_eq!(
        detect("東京は日本の首都です。人口は多いです。"),
        Lang::Other
    );
    assert_eq!(detect("Москва — столица России."), Lang::Other);
    assert_eq!(detect("مرحبا بالعالم"), Lang::Other);
}

#[test]
fn clearly_foreign_latin_text_is_other() {
    assert_eq!(
        detect("Die Bundesregierung hat heute beschlossen, die Steuern für Unternehmen deutlich zu senken."),
        Lang::Other
    );
}

#[test]
fn longer_paragraphs() {
    assert_eq!(
        detect("Aplikasi pesan singkat Telegram selama ini memang menjaga rapat privasi pengguna layanannya melalui enkripsi. Teroris yang ngobrol lewat aplikasi ini pun sukar dilacak."),
        Lang::Id
    );
    assert_eq!(
        detect("After last week's terrorist attacks in Paris, many people took to Facebook and Twitter to vent their anger."),
        Lang::En
    );
}

#[test]
fn words() {
    assert_eq!(detect_word("yang"), Lang::Id);
    assert_eq!(detect_word("berkomunikasi"), Lang::Id);
    assert_eq!(detect_word("layanannya"), Lang::Id);
    assert_eq!(detect_word("the"), Lang::En);
    assert_eq!(detect_word("communicate"), Lang::En);
    assert_eq!(detect_word("thinking"), Lang::En);
    assert_eq!(detect_word("@user"), Lang::Other);
    assert_eq!(detect_word("2019"), Lang::Other);
    assert_eq!(detect_word("."), Lang::Other);
    assert_eq!(detect_word(""), Lang::Other);
    assert_eq!(detect_word("東京"), Lang::Other);
}
