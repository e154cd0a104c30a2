package com.example.probe.inbound;

import java.io.IOException;
import java.nio.file.Files;
import javax.servlet.AsyncContext;
import javax.servlet.DispatcherType;
import javax.servlet.Filter;
import javax.servlet.FilterChain;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.apache.catalina.Context;
import org.apache.catalina.Wrapper;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * Tomcat 9 embedded (javax servlet) with one request thread, an application filter and an
 * async-capable servlet doing {@link RequestWork}; the steps given as arguments are sent to it one
 * after the other.
 */
public final class TomcatServerApp {
    private TomcatServerApp() {
    }

    public static void main(String[] args) throws Exception {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("tomcat").toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        tomcat.getConnector().setProperty("maxThreads", "1");
        tomcat.getConnector().setProperty("minSpareThreads", "1");
        Context context = tomcat.addContext("", null);
        Wrapper servlet = Tomcat.addServlet(context, "work", new WorkServlet());
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded("/*", "work");
        FilterDef filter = new FilterDef();
        filter.setFilterName("work");
        filter.setFilter(new WorkFilter());
        filter.setAsyncSupported("true");
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("work");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        tomcat.start();
        try {
            RawHttpClient.run(tomcat.getConnector().getLocalPort(), args);
        } finally {
            tomcat.stop();
            tomcat.destroy();
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
