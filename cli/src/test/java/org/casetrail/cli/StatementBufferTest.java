package org.casetrail.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatementBufferTest {

    @Test
    void aStatementEndsAtItsSemicolonAcrossLines() {
        StatementBuffer buffer = new StatementBuffer();

        assertThat(buffer.add("SELECT cases")).isEmpty();
        assertThat(buffer.isEmpty()).isFalse();
        assertThat(buffer.add("FROM referral_sources;")).containsExactly("SELECT cases\nFROM referral_sources");
        assertThat(buffer.isEmpty()).isTrue();
    }

    @Test
    void aSemicolonInsideQuotesOrCommentsDoesNotEndIt() {
        StatementBuffer buffer = new StatementBuffer();

        assertThat(buffer.add("SELECT 'a;b' AS \"x;y\" -- not; the end")).isEmpty();
        assertThat(buffer.add("/* still; not */ ;"))
                .containsExactly("SELECT 'a;b' AS \"x;y\" -- not; the end\n/* still; not */");
    }

    @Test
    void oneLineCanHoldSeveralStatements() {
        assertThat(new StatementBuffer().add("SELECT 1; SELECT 2;;")).containsExactly("SELECT 1", "SELECT 2");
    }

    @Test
    void clearingForgetsAHalfTypedStatement() {
        StatementBuffer buffer = new StatementBuffer();
        buffer.add("SELECT 'unfinished");
        buffer.clear();

        assertThat(buffer.add("SELECT 3;")).containsExactly("SELECT 3");
    }
}
