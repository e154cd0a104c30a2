package com.example.clinic;

import com.example.clinic.ClinicService.NewOwner;
import com.example.clinic.ClinicService.NewVisit;
import com.example.clinic.ClinicService.OwnerView;
import com.example.clinic.ClinicService.PetView;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The endpoints; the PLANTED BUGs are in {@link ClinicService} and {@link VisitRepository}. */
@RestController
public class ClinicController {
    private final ClinicService clinic;

    public ClinicController(ClinicService clinic) {
        this.clinic = clinic;
    }

    @PostMapping("/owners")
    public ResponseEntity<OwnerView> register(@RequestBody NewOwner owner) {
        return ResponseEntity.status(HttpStatus.CREATED).body(clinic.register(owner));
    }

    @GetMapping("/owners")
    public Map<String, Object> owners(@RequestParam(defaultValue = "") String prefix,
            @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "2") int size) {
        var names = clinic.ownerNames(prefix, page, size);
        return Map.of("names", names.getContent(), "total", names.getTotalElements());
    }

    @GetMapping("/owners/{id}")
    public ResponseEntity<OwnerView> owner(@PathVariable long id) {
        return ResponseEntity.of(clinic.owner(id));
    }

    @GetMapping("/owners/search")
    public List<String> search(@RequestParam String city, @RequestParam(required = false) String name) {
        return clinic.search(city, name);
    }

    @PutMapping("/owners/{id}")
    public ResponseEntity<OwnerView> rename(@PathVariable long id, @RequestParam String name, @RequestParam String city) {
        return ResponseEntity.of(clinic.rename(id, name, city));
    }

    @GetMapping("/owners/{id}/pets")
    public List<PetView> pets(@PathVariable long id) {
        return clinic.petsOf(id);
    }

    @PostMapping("/pets/{id}/visits")
    public ResponseEntity<Integer> addVisits(@PathVariable long id, @RequestBody List<NewVisit> visits) {
        return ResponseEntity.of(clinic.addVisits(id, visits));
    }

    @GetMapping("/pets/{id}/visits")
    public ResponseEntity<List<Visit>> visits(@PathVariable long id) {
        return ResponseEntity.of(clinic.visitsOf(id));
    }

    @GetMapping("/pets/{id}/owner")
    public ResponseEntity<String> ownerOf(@PathVariable long id) {
        return ResponseEntity.of(clinic.ownerNameOf(id));
    }

    @PostMapping("/pets/{id}/tags/{label}")
    public ResponseEntity<List<String>> tag(@PathVariable long id, @PathVariable String label) {
        return ResponseEntity.of(clinic.tag(id, label));
    }

    @PostMapping("/pets/{id}/visits/close")
    public int closeVisits(@PathVariable long id) {
        return clinic.closeVisits(id);
    }

    @GetMapping("/visits/open/count")
    public long openVisits() {
        return clinic.openVisitCount();
    }

    @DeleteMapping("/pets/{id}")
    public ResponseEntity<Void> remove(@PathVariable long id) {
        return clinic.removePet(id) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    // ---- endpoints whose service method is a PLANTED BUG

    @GetMapping("/pets/{id}/card")
    public ResponseEntity<String> card(@PathVariable long id) {
        return ResponseEntity.of(clinic.petCard(id));
    }

    @GetMapping("/reports/open-revenue")
    public long openRevenue() {
        return clinic.openRevenue();
    }

    @PostMapping("/visits/close")
    public int closeAllWithReason(@RequestParam String reason) {
        return clinic.closeAllWithReason(reason);
    }

    @PutMapping("/pets/{id}/name")
    public int renamePetById(@PathVariable long id, @RequestParam String name) {
        return clinic.renamePetById(id, name);
    }

    @GetMapping("/species/{id}/pets")
    public ResponseEntity<List<String>> speciesRoster(@PathVariable long id) {
        return ResponseEntity.of(clinic.speciesRoster(id));
    }
}
