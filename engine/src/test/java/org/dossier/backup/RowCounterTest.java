package org.dossier.backup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The manifest's counts are read from the dump itself: tuples counted, whatever the strings hold. */
class RowCounterTest {

    @Test
    void tuples_are_counted_per_table_in_both_layouts_of_the_insert_statements() {
        String dump = """
                -- MariaDB dump 10.19
                CREATE TABLE `records` (
                  `id` bigint(20) NOT NULL,
                  PRIMARY KEY (`id`)
                );
                INSERT INTO `records` VALUES
                (1,0x01A2,'{\\"nom\\":\\"O\\'Brien (dit \\\\\\"Bob\\\\\\")\\"}','a;b'),
                (2,0x01A3,'),(', NULL);
                INSERT INTO `tenants` VALUES (1,'pasq','P(a)s;q'),(2,'autre','x\\\\'),(3,'y','z');
                INSERT INTO `records` VALUES
                (3,0x01A4,'',NULL);
                /*!40000 ALTER TABLE `tenants` ENABLE KEYS */;
                """;

        assertThat(RowCounter.count(dump)).containsOnly(
                java.util.Map.entry("records", 3L), java.util.Map.entry("tenants", 3L));
    }

    @Test
    void a_dump_without_rows_counts_none() {
        assertThat(RowCounter.count("CREATE TABLE `empty` (`id` int);\n-- INSERT INTO `x` VALUES (1)\n")).isEmpty();
    }
}
