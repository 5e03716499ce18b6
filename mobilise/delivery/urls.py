from django.urls import URLPattern, URLResolver, path

from .views import actions, agreements, digest, drivers, imports, leads, milestones, reviews, risks

app_name = "delivery"
P = "p/<slug:slug>/"
A = P + "actions/"
R = P + "risks/"
G = P + "agreements/"
D = P + "system-drivers/"
V = P + "reviews/"
urlpatterns: list[URLPattern | URLResolver] = [
    path("delivery/weekly-email/", digest.digest, name="digest"),
    path(P + "delivery/", leads.overview, name="overview"),
    path(P + "leads/", leads.leads, name="leads"),
    path(P + "leads/partners/<int:pk>/", leads.partner_lead_edit, name="partner_lead_edit"),
    path(P + "leads/<slug:component>/", leads.leads_edit, name="leads_edit"),
    path(A, actions.action_list, name="actions"),
    path(A + "new/", actions.action_create, name="action_create"),
    path(A + "actions.csv", actions.action_csv, name="action_csv"),
    path(A + "import/", imports.action_import, name="action_import"),
    path(A + "import/<int:pk>/", imports.action_import_preview, name="action_import_preview"),
    path(A + "<int:pk>/edit/", actions.action_edit, name="action_edit"),
    path(A + "<int:pk>/delete/", actions.action_delete, name="action_delete"),
    path(R, risks.risk_list, name="risks"),
    path(R + "new/", risks.risk_create, name="risk_create"),
    path(R + "risks.csv", risks.risk_csv, name="risk_csv"),
    path(R + "import/", imports.risk_import, name="risk_import"),
    path(R + "import/<int:pk>/", imports.risk_import_preview, name="risk_import_preview"),
    path(R + "<int:pk>/", risks.risk_detail, name="risk_detail"),
    path(R + "<int:pk>/edit/", risks.risk_edit, name="risk_edit"),
    path(R + "<int:pk>/delete/", risks.risk_delete, name="risk_delete"),
    path(G, agreements.agreement_list, name="agreements"),
    path(G + "new/", agreements.agreement_create, name="agreement_create"),
    path(G + "<int:pk>/", agreements.agreement_detail, name="agreement_detail"),
    path(G + "<int:pk>/edit/", agreements.agreement_edit, name="agreement_edit"),
    path(G + "<int:pk>/replace/", agreements.agreement_supersede, name="agreement_supersede"),
    path(G + "<int:pk>/delete/", agreements.agreement_delete, name="agreement_delete"),
    path(G + "<int:pk>/answer/<int:partner>/", agreements.agreement_confirm, name="agreement_confirm"),
    path(D, drivers.driver_list, name="drivers"),
    path(D + "new/", drivers.driver_create, name="driver_create"),
    path(D + "<int:pk>/edit/", drivers.driver_edit, name="driver_edit"),
    path(D + "<int:pk>/delete/", drivers.driver_delete, name="driver_delete"),
    path(P + "milestones/", milestones.milestone_list, name="milestones"),
    path(P + "milestones/new/", milestones.milestone_create, name="milestone_create"),
    path(P + "milestones/<int:pk>/edit/", milestones.milestone_edit, name="milestone_edit"),
    path(P + "milestones/<int:pk>/delete/", milestones.milestone_delete, name="milestone_delete"),
    path(V, reviews.review_list, name="reviews"),
    path(V + "new/", reviews.review_create, name="review_create"),
    path(V + "compare/", reviews.review_compare, name="review_compare"),
    path(V + "not-now/", reviews.review_prompt_dismiss, name="review_prompt_dismiss"),
    path(V + "<int:pk>/", reviews.review_detail, name="review_detail"),
    path(V + "<int:pk>/save/", reviews.review_edit, name="review_edit"),
    path(V + "<int:pk>/close/", reviews.review_close, name="review_close"),
    path(V + "<int:pk>/delete/", reviews.review_delete, name="review_delete"),
]
