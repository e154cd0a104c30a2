package dev.tenantguard.agent.inbound;

import dev.tenantguard.agent.carrier.Baggage;
import dev.tenantguard.agent.config.TenantSource;
import dev.tenantguard.agent.policy.HostTemplate;
import dev.tenantguard.agent.policy.PathTemplate;
import java.util.ArrayList;
import java.util.List;

/** The {@code tenant.from} sources, compiled: each reads its value from a request, or gives none. */
public final class TenantSources {
    private TenantSources() {
    }

    /** One compiled source. */
    interface Reader {
        /** The raw value this source finds in {@code request}, or {@code null}. */
        String read(InboundRequest request);

        /** The header this source reads the tenant from, or {@code null} when it is no plain header. */
        default String headerName() {
            return null;
        }

        /** As in the policy and in reports. */
        String describe();

        /** When {@link #read} found nothing: a value that is there but unusable (reported), or {@code null}. */
        default QueryParameter.Found unusable(InboundRequest request) {
            return null;
        }
    }

    static List<Reader> compile(List<TenantSource> sources, String tenantHeader) {
        List<Reader> readers = new ArrayList<>();
        for (TenantSource source : sources) {
            readers.add(compile(source, tenantHeader));
        }
        return readers;
    }

    private static Reader compile(TenantSource source, String tenantHeader) {
        source.validate();
        String argument = source.argument();
        String described = source.toString();
        switch (source.kind()) {
            case HEADER: {
                String name = argument == null ? tenantHeader : argument;
                if (!TenantSource.isToken(name)) {
                    throw new IllegalArgumentException("not a valid HTTP header name");
                }
                return new Reader() {
                    @Override
                    public String read(InboundRequest request) {
                        return trimmed(request.header(name));
                    }

                    @Override
                    public String headerName() {
                        return name;
                    }

                    @Override
                    public String describe() {
                        return "header " + name;
                    }
                };
            }
            case SUBDOMAIN: {
                HostTemplate host = HostTemplate.compile(argument);
                return simple(request -> host.tenantOf(request.host()), described);
            }
            case PATH: {
                PathTemplate path = PathTemplate.compile(argument);
                return simple(request -> path.tenantOf(request.rawPath()), described);
            }
            case JWT_CLAIM: {
                return simple(request -> trimmed(BearerClaim.read(request.header("Authorization"), argument)), described);
            }
            case BAGGAGE: {
                String member = argument == null ? Baggage.TENANT_KEY : argument;
                return simple(request -> trimmed(Baggage.member(request.header(Baggage.HEADER), member)),
                        "baggage " + member);
            }
            case QUERY: {
                return new Reader() {
                    @Override
                    public String read(InboundRequest request) {
                        return QueryParameter.find(request.rawQuery(), argument).value();
                    }

                    @Override
                    public QueryParameter.Found unusable(InboundRequest request) {
                        QueryParameter.Found found = QueryParameter.find(request.rawQuery(), argument);
                        return found.problem() == null ? null : found;
                    }

                    @Override
                    public String describe() {
                        return described;
                    }
                };
            }
            case HIBERNATE: {
                // read by the JDBC family at each call with no tenant (jdbc.HibernateTenant), not from the request
                return simple(request -> null, "hibernate");
            }
            default:
                throw new IllegalArgumentException("unknown source");
        }
    }

    private interface Read {
        String read(InboundRequest request);
    }

    private static Reader simple(Read read, String described) {
        return new Reader() {
            @Override
            public String read(InboundRequest request) {
                return read.read(request);
            }

            @Override
            public String describe() {
                return described;
            }
        };
    }

    private static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }
}
