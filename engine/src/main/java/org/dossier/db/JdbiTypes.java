package org.dossier.db;

import java.sql.Types;
import java.util.UUID;
import org.dossier.account.TokenDao;
import org.dossier.audit.AuditEventDao;
import org.dossier.ids.Uuids;
import org.dossier.record.RecordDao;
import org.dossier.record.RecordId;
import org.dossier.tenant.TenantId;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;

/**
 * Binds the typed ids of the domain as the column types they are stored in, reads them back, and
 * registers the row mappers of the fluent DAOs.
 */
public final class JdbiTypes {
    private JdbiTypes() {}

    public static void register(Jdbi jdbi) {
        jdbi.registerArgument(new AbstractArgumentFactory<TenantId>(Types.BIGINT) {
            @Override
            protected Argument build(TenantId tenantId, ConfigRegistry config) {
                return (position, statement, context) -> statement.setLong(position, tenantId.value());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<RecordId>(Types.BINARY) {
            @Override
            protected Argument build(RecordId recordId, ConfigRegistry config) {
                return (position, statement, context) -> statement.setBytes(position, recordId.toBytes());
            }
        });
        jdbi.registerArgument(new AbstractArgumentFactory<UUID>(Types.BINARY) {
            @Override
            protected Argument build(UUID uuid, ConfigRegistry config) {
                return (position, statement, context) -> statement.setBytes(position, Uuids.toBytes(uuid));
            }
        });
        jdbi.registerColumnMapper(RecordId.class, (resultSet, column, context) -> {
            byte[] bytes = resultSet.getBytes(column);
            return bytes == null ? null : RecordId.fromBytes(bytes);
        });
        RecordDao.registerMappers(jdbi);
        AuditEventDao.registerMappers(jdbi);
        TokenDao.registerMappers(jdbi);
    }
}
