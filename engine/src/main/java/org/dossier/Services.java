package org.dossier;

import java.time.Clock;
import org.dossier.retention.RecordArchive;
import org.dossier.account.AccessCache;
import org.dossier.account.AccountService;
import org.dossier.account.InvitationService;
import org.dossier.account.LoginFormTokens;
import org.dossier.account.LoginThrottle;
import org.dossier.account.PasswordHasher;
import org.dossier.account.PasswordService;
import org.dossier.account.PlatformSecrets;
import org.dossier.account.SessionStore;
import org.dossier.account.TokenService;
import org.dossier.account.TokenStore;
import org.dossier.attachment.AttachmentService;
import org.dossier.attachment.AttachmentStore;
import org.dossier.attachment.AttachmentStores;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.audit.AuditLog;
import org.dossier.audit.AuditReader;
import org.dossier.crypto.Encryption;
import org.dossier.branding.BrandingService;
import org.dossier.branding.LogoStore;
import org.dossier.db.Database;
import org.dossier.designer.DesignerService;
import org.dossier.designer.Upstreams;
import org.dossier.offboarding.ServiceDeletion;
import org.dossier.offboarding.ServiceSuspension;
import org.dossier.db.Migrations;
import org.dossier.db.Readiness;
import org.dossier.form.CustomisationCompiler;
import org.dossier.form.FormCompiler;
import org.dossier.form.FormService;
import org.dossier.form.InvisibleFieldPruner;
import org.dossier.form.MetaSchema;
import org.dossier.form.VisibleWhen;
import org.dossier.imports.ImportTask;
import org.dossier.imports.RecordImports;
import org.dossier.json.StrictJson;
import org.dossier.keep.KeptPostStore;
import org.dossier.metrics.Metrics;
import org.dossier.modules.CaseFileReports;
import org.dossier.modules.Modules;
import org.dossier.onboarding.Onboarding;
import org.dossier.record.RecordService;
import org.dossier.register.PlatformSettings;
import org.dossier.register.RegisterService;
import org.dossier.register.RegisterSnapshots;
import org.dossier.register.SecurityMeasures;
import org.dossier.referent.Referents;
import org.dossier.stats.PlatformStatistics;
import org.dossier.stats.StatisticsExports;
import org.dossier.render.FormRenderer;
import org.dossier.tenant.TenantService;
import org.dossier.validation.FormPostCoercer;
import org.dossier.validation.Messages;
import org.dossier.validation.RecordValidator;
import org.jdbi.v3.core.Jdbi;

/**
 * The object graph of the application, wired by hand with constructor injection: one place
 * says what depends on what. Built once per process (or per test JVM) and shared.
 */
public record Services(
        Jdbi jdbi,
        Migrations migrations,
        ObjectMapper mapper,
        Messages messages,
        TenantService tenants,
        FormService forms,
        RecordService records,
        FormPostCoercer coercer,
        FormRenderer renderer,
        AccountService accounts,
        PasswordService passwords,
        InvitationService invitations,
        SessionStore sessions,
        TokenStore tokens,
        LoginFormTokens loginFormTokens,
        AuditLog audit,
        AuditReader auditReader,
        DesignerService designer,
        Upstreams upstreams,
        LogoStore logos,
        Modules modules,
        CaseFileReports reports,
        PlatformStatistics statistics,
        ServiceSuspension suspension,
        ServiceDeletion deletion,
        BrandingService branding,
        Onboarding onboarding,
        TokenService tokenService,
        StatisticsExports statisticsExports,
        Readiness readiness,
        KeptPostStore keptPosts,
        Referents referents,
        RecordArchive archive,
        RegisterService register,
        Encryption encryption,
        AttachmentStore attachmentStore,
        AttachmentService attachments,
        Metrics metrics,
        RecordImports imports) {

    /** Touches no database: the master key is checked at {@code encryption().master()}, before migrating. */
    public static Services wire(Database database, Config config) {
        ObjectMapper mapper = StrictJson.mapper();
        Encryption encryption = Encryption.of(database.jdbi(), config.masterKey(), config.dataDir(), mapper);
        Messages messages = new Messages();
        VisibleWhen visibleWhen = new VisibleWhen();
        PlatformSettings platformSettings = new PlatformSettings(SecurityMeasures.of(config.accounts().sessionIdle(),
                config.accounts().sessionAbsolute(), config.accounts().loginLimits()));
        RegisterSnapshots registerSnapshots = new RegisterSnapshots(mapper, platformSettings);
        FormService forms = new FormService(database.jdbi(), mapper, new MetaSchema(), new FormCompiler(),
                registerSnapshots);
        AuditLog audit = new AuditLog();
        Clock clock = Clock.systemUTC();
        Metrics metrics = Metrics.create(database.jdbi(), clock);
        metrics.bindPool(database.dataSource());
        Referents referents = new Referents(database.jdbi(), audit, messages);
        AttachmentService attachments = new AttachmentService(database.jdbi(), AttachmentStores.of(config),
                config.attachments(), messages, audit, mapper, clock);
        RecordService records = new RecordService(database.jdbi(), mapper, forms, new RecordValidator(messages), messages,
                new InvisibleFieldPruner(visibleWhen), audit, referents, clock, encryption.cipher(), attachments,
                metrics.product());
        TenantService tenants = new TenantService(database.jdbi());
        DesignerService designer = new DesignerService(database.jdbi(), mapper, forms, new CustomisationCompiler(), audit,
                records.toComplete());
        // Who signs in is kept for a few seconds per node; this node's own changes empty it at once.
        AccessCache access = AccessCache.keeping();
        access.watch(database.jdbi());
        SessionStore sessions = new SessionStore(database.jdbi(), clock, config.accounts().sessionIdle(),
                config.accounts().sessionAbsolute(), access);
        TokenStore tokens = new TokenStore(database.jdbi(), clock, access);
        PasswordHasher hasher = new PasswordHasher();
        LoginThrottle throttle = new LoginThrottle(database.jdbi(), clock, config.accounts().loginLimits());
        LogoStore logos = new LogoStore(database.jdbi());
        Migrations migrations = new Migrations(database.dataSource());
        AccountService accounts = new AccountService(database.jdbi(), mapper, hasher, throttle, audit, clock,
                metrics.product());
        RecordImports imports = new RecordImports(database.jdbi(), mapper, forms, records, new FormPostCoercer(messages),
                messages, audit, config.dataDir().resolve("imports"), ImportTask.launcher(database.dataSource()),
                metrics.product());
        return new Services(
                database.jdbi(),
                migrations,
                mapper,
                messages,
                tenants,
                forms,
                records,
                new FormPostCoercer(messages),
                new FormRenderer(visibleWhen),
                accounts,
                new PasswordService(database.jdbi(), mapper, hasher, throttle, sessions, tokens, accounts, clock),
                new InvitationService(database.jdbi(), mapper, hasher, accounts, audit, clock),
                sessions,
                tokens,
                new LoginFormTokens(() -> new PlatformSecrets(database.jdbi(), clock).key(LoginFormTokens.SECRET_NAME),
                        clock),
                audit,
                new AuditReader(database.jdbi()),
                designer,
                new Upstreams(database.jdbi(), mapper, tenants, forms, designer, audit),
                logos,
                new Modules(forms, mapper),
                new CaseFileReports(database.jdbi(), clock),
                new PlatformStatistics(database.jdbi(), forms),
                new ServiceSuspension(database.jdbi(), tenants, audit, mapper),
                new ServiceDeletion(database.jdbi(), tenants, audit, mapper, tenantId -> {
                            encryption.dataKeys().forget(tenantId);
                            imports.removeFiles(tenantId); // the uploads of its imports went with its rows
                        },
                        attachments::afterCommit, metrics.product()),
                new BrandingService(database.jdbi(), tenants, logos, audit, mapper),
                new Onboarding(database.jdbi(), tenants, forms, designer, accounts, audit, mapper),
                new TokenService(database.jdbi(), tokens, accounts, mapper),
                new StatisticsExports(database.jdbi(), audit, mapper),
                new Readiness(database.jdbi(), migrations, database.health()),
                new KeptPostStore(database.jdbi(), mapper, audit, clock, encryption.cipher()),
                referents,
                new RecordArchive(database.jdbi(), audit, mapper, clock),
                new RegisterService(database.jdbi(), mapper, forms, tenants, platformSettings, registerSnapshots, audit,
                        clock),
                encryption,
                attachments.store(),
                attachments,
                metrics,
                imports);
    }
}
