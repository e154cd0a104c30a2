package com.example.notes.db;

import java.util.LinkedHashMap;
import java.util.Map;

/** A note of one tenant. */
public record Note(long id, String tenant, String title, String body) {

    /** The note as the API shows it. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("title", title);
        json.put("body", body);
        return json;
    }
}
