/** Connection pool, embedded MariaDB, Flyway migrations and the JDBI types shared by every DAO. */
package org.dossier.db;
