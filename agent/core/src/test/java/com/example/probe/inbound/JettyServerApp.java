package com.example.probe.inbound;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Jetty 12 (ee10, jakarta servlet) with an application filter and an async-capable servlet doing
 * {@link RequestWork}; the steps given as arguments are sent to it one after the other.
 */
public final class JettyServerApp {
    private JettyServerApp() {
    }

    public static void main(String[] args) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(2, 2);
        threads.setName("jetty");
        threads.setReservedThreads(0);
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server, 0, 1);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder servlet = new ServletHolder(new WorkServlet());
        servlet.setAsyncSupported(true);
        context.addServlet(servlet, "/*");
        FilterHolder filter = new FilterHolder(new WorkFilter());
        filter.setAsyncSupported(true);
        context.addFilter(filter, "/*", EnumSet.of(DispatcherType.REQUEST));
        server.setHandler(context);
        server.start();
        try {
            RawHttpClient.run(connector.getLocalPort(), args);
        } finally {
            server.stop();
        }
    }

    static final class WorkFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String mdc = ((HttpServletRequest) request).getHeader("X-Mdc-Tenant");
            request.setAttribute("filterTenant", RequestWork.filter(mdc));
            try {
                chain.doFilter(request, response);
            } finally {
                RequestWork.filterDone(mdc);
            }
        }
    }

    static final class WorkServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        /** A form post: what the application reads of its body, then the work as for a GET. */
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String[] values = request.getParameterValues("tenant"); // the query's, then the body's
            String form = values == null ? null : String.join(",", values);
            response.getWriter().print("form=" + form + " "
                    + RequestWork.handle(request.getHeader("X-Do"), (String) request.getAttribute("filterTenant")));
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String todo = request.getHeader("X-Do");
            if ("async".equals(todo)) {
                AsyncContext async = request.startAsync();
                async.start(() -> {
                    try {
                        async.getResponse().getWriter().print("async " + RequestWork.handle(null, null));
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                    async.complete();
                });
                return;
            }
            if ("dispatch".equals(todo) && request.getDispatcherType() == DispatcherType.REQUEST) {
                request.startAsync().dispatch();
                return;
            }
            String prefix = request.getDispatcherType() == DispatcherType.ASYNC ? "dispatched " : "";
            response.getWriter().print(prefix + RequestWork.handle(todo, (String) request.getAttribute("filterTenant")));
        }
    }
}
