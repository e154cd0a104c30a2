package com.example.clinic;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Every endpoint needs a tenant ({@link CurrentTenant}). */
@Configuration
class WebConfig implements WebMvcConfigurer {
    private final CurrentTenant tenant;

    WebConfig(CurrentTenant tenant) {
        this.tenant = tenant;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(tenant);
    }
}
