package com.example.clinic;

import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The clinic's use cases, each one transaction. Every method works for the request's tenant, through
 * Hibernate's tenant filter or a query that names the tenant; the ones marked PLANTED BUG reach
 * another tenant's rows.
 */
@Service
@Transactional
public class ClinicService {
    private final OwnerRepository owners;
    private final PetRepository pets;
    private final VisitRepository visits;
    private final TagRepository tags;
    private final SpeciesRepository species;
    private final PetCardRepository cards;

    ClinicService(OwnerRepository owners, PetRepository pets, VisitRepository visits, TagRepository tags,
            SpeciesRepository species, PetCardRepository cards) {
        this.owners = owners;
        this.pets = pets;
        this.visits = visits;
        this.tags = tags;
        this.species = species;
        this.cards = cards;
    }

    public record NewPet(String name, long speciesId) {
    }

    public record NewOwner(String name, String street, String city, List<NewPet> pets) {
    }

    public record PetView(long id, String name, String species) {
    }

    public record OwnerView(long id, String name, String city, long version, List<PetView> pets) {
    }

    public record NewVisit(String reason, long costCents) {
    }

    /** A new owner with pets: one insert for the owner, a batch for the pets. */
    public OwnerView register(NewOwner request) {
        Owner owner = new Owner(request.name(), new Address(request.street(), request.city()));
        for (NewPet pet : request.pets()) {
            owner.adopt(pet.name(), species.getReferenceById(pet.speciesId()));
        }
        owners.saveAndFlush(owner);
        return view(owner);
    }

    /** Owners by name prefix, a page of them, sorted. */
    @Transactional(readOnly = true)
    public Page<String> ownerNames(String prefix, int page, int size) {
        return owners.findByNameStartingWith(prefix, PageRequest.of(page, size, Sort.by("name")))
                .map(Owner::getName);
    }

    /** An owner with pets and species, fetched in one query. */
    @Transactional(readOnly = true)
    public Optional<OwnerView> owner(long id) {
        return owners.findWithPetsById(id).map(this::view);
    }

    /** Owners of a city (JPQL) or matching a Specification. */
    @Transactional(readOnly = true)
    public List<String> search(String city, String nameContains) {
        List<Owner> found = nameContains == null ? owners.inCity(city)
                : owners.findAll(Specification.where(OwnerSpecs.inCity(city)).and(OwnerSpecs.nameContains(nameContains)),
                        Sort.by("name"));
        return found.stream().map(Owner::getName).toList();
    }

    /** Renames and moves an owner: Hibernate's update by id and version. */
    public Optional<OwnerView> rename(long id, String name, String city) {
        return owners.findById(id).map(owner -> {
            owner.rename(name);
            owner.moveTo(new Address(owner.getAddress().getStreet(), city));
            owners.flush();
            return view(owner);
        });
    }

    /** The pets of an owner: a derived query. */
    @Transactional(readOnly = true)
    public List<PetView> petsOf(long ownerId) {
        return pets.findByOwnerIdOrderByName(ownerId).stream().map(this::view).toList();
    }

    /** Visits added to a pet: batch inserts. */
    public Optional<Integer> addVisits(long petId, List<NewVisit> newVisits) {
        return pets.findById(petId).map(pet -> {
            newVisits.forEach(v -> pet.visit(v.reason(), v.costCents()));
            pets.flush();
            return pet.getVisits().size();
        });
    }

    /** A pet's visits: its lazy collection. */
    @Transactional(readOnly = true)
    public Optional<List<Visit>> visitsOf(long petId) {
        return pets.findById(petId).map(pet -> List.copyOf(pet.getVisits()));
    }

    /** The owner of a pet: a lazy {@code @ManyToOne}. */
    @Transactional(readOnly = true)
    public Optional<String> ownerNameOf(long petId) {
        return pets.findById(petId).map(pet -> pet.getOwner().getName());
    }

    /** Tags a pet: the tenant's tag (found or created), linked through the join table. */
    public Optional<List<String>> tag(long petId, String label) {
        return pets.findById(petId).map(pet -> {
            Tag tag = tags.findByLabel(label).orElseGet(() -> tags.save(new Tag(label)));
            pet.getTags().add(tag);
            pets.flush();
            return pet.getTags().stream().map(Tag::getLabel).sorted().toList();
        });
    }

    /** Closes a pet's open visits: a bulk update that names the tenant. */
    public int closeVisits(long petId) {
        return visits.closeForPet(CurrentTenant.id(), petId);
    }

    /** The tenant's open visits, counted by native SQL that names the tenant. */
    @Transactional(readOnly = true)
    public long openVisitCount() {
        return visits.countOpen(CurrentTenant.id());
    }

    /** Removes a pet with its visits and tag links: deletes by id and version. */
    public boolean removePet(long petId) {
        return pets.findById(petId).map(pet -> {
            pet.getOwner().getPets().remove(pet);
            pets.delete(pet);
            pets.flush();
            return true;
        }).orElse(false);
    }

    // ---- PLANTED BUGS

    /** PLANTED BUG: a pet's card by id alone, through an entity Hibernate does not filter by tenant. */
    @Transactional(readOnly = true)
    public Optional<String> petCard(long petId) {
        return cards.findById(petId).map(card -> "Pet card #" + card.getId() + ": " + card.getName());
    }

    /** PLANTED BUG: the open revenue, by native SQL without the tenant predicate: every tenant's. */
    @Transactional(readOnly = true)
    public long openRevenue() {
        return visits.openRevenue();
    }

    /** PLANTED BUG: closes the open visits of a reason, every tenant's. */
    public int closeAllWithReason(String reason) {
        return visits.closeAllWithReason(reason);
    }

    /**
     * PLANTED BUG: renames a pet by its id alone, by native SQL, without asking whose pet it is: harmless
     * for the tenant's own pet, a write into another tenant's data for any other id.
     */
    public int renamePetById(long petId, String name) {
        return pets.renameById(petId, name);
    }

    /** PLANTED BUG: the pets of a shared species: its lazy collection holds every tenant's pets. */
    @Transactional(readOnly = true)
    public Optional<List<String>> speciesRoster(long speciesId) {
        return species.findById(speciesId).map(s -> s.getPets().stream().map(PetCard::getName).sorted().toList());
    }

    private OwnerView view(Owner owner) {
        return new OwnerView(owner.getId(), owner.getName(), owner.getAddress().getCity(), owner.getVersion(),
                owner.getPets().stream().map(this::view).toList());
    }

    private PetView view(Pet pet) {
        return new PetView(pet.getId(), pet.getName(), pet.getSpecies() == null ? null : pet.getSpecies().getName());
    }
}
