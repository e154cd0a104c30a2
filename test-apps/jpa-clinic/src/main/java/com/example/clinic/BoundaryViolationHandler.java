package com.example.clinic;

import dev.tenantguard.api.TenantBoundaryViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * What the client sees when tenant-guard, in enforce mode, stops a call that crosses tenants: 403
 * with the agent's one-sentence reason, instead of a 500 and a stack trace.
 */
@RestControllerAdvice
public class BoundaryViolationHandler {

    @ExceptionHandler(TenantBoundaryViolation.class)
    public ResponseEntity<String> refused(TenantBoundaryViolation violation) {
        return ResponseEntity.status(HttpStatus.FORBIDDEN).contentType(MediaType.TEXT_PLAIN)
                .body("refused: " + violation.getMessage() + "\n");
    }
}
