package dev.kubelab.kernel.magic;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArgTokenizerTest {

    @Test
    void splitsOnWhitespace() {
        assertThat(ArgTokenizer.split("  up   --name  lab ")).containsExactly("up", "--name", "lab");
        assertThat(ArgTokenizer.split("")).isEmpty();
    }

    @Test
    void keepsQuotedSpacesAndEscapes() {
        assertThat(ArgTokenizer.split("--msg \"hello world\" 'a b' c\\ d")).containsExactly("--msg", "hello world", "a b", "c d");
        assertThat(ArgTokenizer.split("\"say \\\"hi\\\"\" 'no \\escape'")).containsExactly("say \"hi\"", "no \\escape");
        assertThat(ArgTokenizer.split("--flag=\"x y\"")).containsExactly("--flag=x y");
        assertThat(ArgTokenizer.split("\"\" ''")).containsExactly("", "");
    }

    @Test
    void unterminatedQuoteIsAnError() {
        assertThatThrownBy(() -> ArgTokenizer.split("--name \"lab")).hasMessage("unterminated double quote");
        assertThatThrownBy(() -> ArgTokenizer.split("'x")).hasMessage("unterminated single quote");
    }

    @Test
    void lenientScanReportsPartialWord() {
        ArgTokenizer.Scan s = ArgTokenizer.scan("up --na", true);
        assertThat(s.words).containsExactly("up", "--na");
        assertThat(s.endsInWord).isTrue();
        assertThat(ArgTokenizer.scan("up ", true).endsInWord).isFalse();
    }
}
