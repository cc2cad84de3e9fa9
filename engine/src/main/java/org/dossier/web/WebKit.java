package org.dossier.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.dossier.Config;
import org.dossier.signon.SignOn;
import org.dossier.web.view.PebbleTemplates;

/**
 * What the web layer adds to the engine's services: the body limit, form and JSON body parsing,
 * JSON answers and the templates; and how people sign in ({@code signOn}), which decides the login
 * page and its routes. Built by {@code App.create}, so the engine's wiring knows no web type.
 */
public record WebKit(BodyLimit bodyLimit, FormBody formBody, Json json, PebbleTemplates templates,
                     SignOn signOn) {
    public static WebKit of(Config config, ObjectMapper mapper) {
        BodyLimit bodyLimit = new BodyLimit(config.maxBodyBytes());
        return new WebKit(bodyLimit, new FormBody(bodyLimit), new Json(mapper, bodyLimit), new PebbleTemplates(),
                SignOn.of(config.accounts().signOn()));
    }
}
