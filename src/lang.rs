//! Interface language: English or French. Guide text lives in the provider files; the few
//! interface strings of the wizard and the text output live here, side by side, so that a
//! missing translation is visible in review.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    En,
    Fr,
}

impl Lang {
    /// `--lang` wins; else LC_ALL, LC_MESSAGES, LANG (the POSIX order); else English.
    pub fn detect(flag: Option<Lang>) -> Lang {
        if let Some(lang) = flag {
            return lang;
        }
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(value) = std::env::var(var) {
                if value.is_empty() {
                    continue;
                }
                return if value.to_ascii_lowercase().starts_with("fr") {
                    Lang::Fr
                } else {
                    Lang::En
                };
            }
        }
        Lang::En
    }

    /// Picks the string for this language.
    pub fn pick<'a>(self, en: &'a str, fr: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }
}

/// A text in both languages, as the provider files hold it.
#[derive(Debug, Clone, Deserialize, Default, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: String,
    pub fr: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.fr)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins() {
        assert_eq!(Lang::detect(Some(Lang::Fr)), Lang::Fr);
    }
}
