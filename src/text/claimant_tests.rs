//! Tests for `claimant::guess_claimant` on sentences from the sample article.

use super::claimant::guess_claimant;

/// Shorthand: the guess as a `&str`-comparable option.
fn g(s: &str) -> Option<String> {
    guess_claimant(s)
}

/// "<Name> wrote" after a closing quote gives the name.
#[test]
fn name_before_verb() {
    assert_eq!(
        g("”Musk wrote on his account on the social network.").as_deref(),
        Some("Musk")
    );
    assert_eq!(
        g("Bremmer also wrote that Musk told him that “everything possible had to be done.”")
            .as_deref(),
        Some("Bremmer")
    );
    assert_eq!(g("Already after tweeting his controversial proposal, Musk had said that “a possible outcome”").as_deref(), Some("Musk"));
    assert_eq!(
        g("Ian Bremmer wrote in an email").as_deref(),
        Some("Ian Bremmer")
    );
}

/// "said <role> <Name>" strips the leading title words.
#[test]
fn name_after_verb_strips_roles() {
    let s = "“It is very positive that a person like Elon Musk tries to seek a peaceful agreement,” said Kremlin spokesman Dmitry Peskov.";
    assert_eq!(g(s).as_deref(), Some("Dmitry Peskov"));
    assert_eq!(
        g("“No,” said the Russian president Vladimir Putin.").as_deref(),
        Some("Vladimir Putin")
    );
    assert_eq!(
        g("Tesla CEO Elon Musk said so.").as_deref(),
        Some("Elon Musk")
    );
}

/// "According to <Name>" gives the name even when other verbs follow.
#[test]
fn according_to() {
    let s = "According to Bremmer, Putin told Musk that these goals would be achieved “no matter what.””";
    assert_eq!(g(s).as_deref(), Some("Bremmer"));
    assert_eq!(
        g("according to the British newspaper Financial Times, forces reported problems")
            .as_deref(),
        Some("Financial Times")
    );
}

/// Particles, initials and hyphenated names are kept whole.
#[test]
fn particles_and_initials() {
    assert_eq!(
        g("Ursula von der Leyen said it was over.").as_deref(),
        Some("Ursula von der Leyen")
    );
    assert_eq!(
        g("“Yes,” wrote J. K. Rowling.").as_deref(),
        Some("J. K. Rowling")
    );
    assert_eq!(
        g("Karine Jean-Pierre told reporters").as_deref(),
        Some("Karine Jean-Pierre")
    );
}

/// Sentences without an attribution, pronoun subjects and "told X" give None.
#[test]
fn no_attribution() {
    assert_eq!(
        g("The Ukrainian president has promised that he will take back all the territory"),
        None
    );
    assert_eq!(g("He said so in a response to a tweet."), None);
    assert_eq!(g("the people told Musk nothing"), None);
    assert_eq!(g(""), None);
    assert_eq!(g("said"), None);
}
